#!/usr/bin/env bash
# Renders the app icon from its hand-written SVG sources into every PNG size a desktop needs,
# a Windows .ico, and (when png2icns is installed) a macOS .icns. The results are committed;
# run this again only after editing the SVGs.
#   needs: rsvg-convert (librsvg2-bin), convert (imagemagick); optional: png2icns (icnsutils)
#   usage: src/dist/render-icons.sh        (from the project root)
set -euo pipefail
cd "$(dirname "$0")/../.."

src=assets/icon/mapi-workbench.svg
small=assets/icon/mapi-workbench-small.svg
out=assets/icon/png
res=src/main/resources/dev/mapiworkbench/app/icons
mkdir -p "$out" "$res"

for size in 16 24 32 48 64 128 256 512; do
    svg=$src
    # 16 px has its own pixel-aligned drawing; the big one blurs at that size.
    [ "$size" -eq 16 ] && svg=$small
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$out/mapi-workbench-$size.png"
done

# Windows: the usual sizes in one .ico (the 256 entry is stored PNG-compressed).
convert $(for s in 16 24 32 48 64 128 256; do echo "$out/mapi-workbench-$s.png"; done) \
    assets/icon/mapi-workbench.ico

# macOS .icns (jpackage on a Mac wants --icon X.icns); only where icnsutils exists.
if command -v png2icns > /dev/null; then
    png2icns assets/icon/mapi-workbench.icns \
        $(for s in 16 32 128 256 512; do echo "$out/mapi-workbench-$s.png"; done) > /dev/null
fi

# The window icons (AppIcons loads these; JavaFX picks the best size per use).
for s in 16 24 32 48 64 128 256; do
    cp "$out/mapi-workbench-$s.png" "$res/icon-$s.png"
done
# jpackage on Linux takes one PNG for the launcher and the desktop entry.
cp "$out/mapi-workbench-256.png" assets/icon/mapi-workbench.png
echo "icons rendered into $out, $res, assets/icon/mapi-workbench.{ico,png}"
