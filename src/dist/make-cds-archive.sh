#!/usr/bin/env bash
# `mvn -Pdist package`: gives the app-image a class-data-sharing archive (AppCDS), made with the
# image's own runtime, so the app starts faster (docs/decisions/0061-cds-archive.md,
# docs/perf-notes/dist.md). Two modes, run by the pom around the .deb and .tar.gz steps:
#
#  record  training runs through the image's launcher record the classes they load
#          (-XX:DumpLoadedClassList): the headless command line end to end, and the window (shown
#          once, closed by --exit-after-shown) when a display or xvfb-run is available. The merged
#          list is kept as lib/app/mapi-workbench.classlist, next to refresh-cds-archive.sh, so the
#          packages carry both and the .deb's postinst dumps the archive for /opt (a JDK 17
#          archive only works at the path it was made for).
#  dump    lib/app/refresh-cds-archive.sh runs -Xshare:dump and writes lib/app/mapi-workbench.jsa
#          for target/dist/mapi-workbench, which the launcher's .cfg names with
#          -XX:SharedArchiveFile=$APPDIR/mapi-workbench.jsa (set by the pom).
#
# A missing or unusable archive costs speed only (JDK 17 then runs without sharing, silently), so
# a failed training run or dump never fails the build: it prints a warning.
#   usage: src/dist/make-cds-archive.sh record|dump <app-image dir>   (e.g. target/dist/mapi-workbench)
set -uo pipefail
mode=${1:?record or dump}
app=${2:?app-image dir}
name=$(basename "$app")
launcher="$app/bin/$name"
appdir="$app/lib/app"
list="$appdir/$name.classlist"
jsa="$appdir/$name.jsa"
[ -x "$launcher" ] || { echo "make-cds-archive: no launcher at $launcher" >&2; exit 1; }
warn() { echo "make-cds-archive: warning: $*" >&2; }

if [ "$mode" = dump ]; then
    if [ ! -s "$list" ]; then
        warn "no class list; no archive"
    elif sh "$appdir/refresh-cds-archive.sh" > /dev/null; then
        echo "make-cds-archive: $(wc -l < "$list") classes listed, archive $(du -h "$jsa" | cut -f1) at $jsa"
    else
        warn "-Xshare:dump failed; no archive"
    fi
    exit 0
fi
[ "$mode" = record ] || { echo "make-cds-archive: mode must be record or dump, not $mode" >&2; exit 64; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$jsa" "$list"
cp "$(dirname "$0")/refresh-cds-archive.sh" "$appdir/refresh-cds-archive.sh"
chmod 755 "$appdir/refresh-cds-archive.sh"

# 1. headless: logon, queue and send two messages, log off, write a transcript.
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/headless.lst" timeout 120 "$launcher" --headless \
    --profile "$work/profile-headless" --send 2 --logoff now --transcript "$work/t.json" \
    > "$work/headless.out" 2>&1 || warn "headless training run exited $? (its classes are still used):
$(tail -5 "$work/headless.out")"

# 2. the window, when something can show it (its own profile; HOME private for GTK's caches).
# Xvfb first, so that building on a desktop does not flash the window; else the display itself.
xrun=(none)
if command -v xvfb-run > /dev/null; then
    xrun=(xvfb-run -a)
elif [ -n "${DISPLAY:-}" ]; then
    xrun=()
fi
if [ "${xrun[0]:-}" = none ]; then
    warn "no DISPLAY and no xvfb-run: the archive covers the headless path only"
else
    HOME="$work/home" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/gui.lst" timeout -s TERM 45 \
        "${xrun[@]}" "$launcher" --profile "$work/profile-gui" --exit-after-shown \
        > "$work/gui.out" 2>&1 || warn "window training run exited $? (its classes are still used):
$(grep -v '^[[:space:]]*at \|^[[:space:]]*\.\.\. ' "$work/gui.out" | tail -5)"
fi

# 3. merge (first occurrence wins, order kept).
cat "$work"/*.lst 2> /dev/null | awk '!seen[$0]++' > "$list"
if [ -s "$list" ]; then
    echo "make-cds-archive: $(wc -l < "$list") classes recorded in $list"
else
    warn "no class list recorded; no archive"
    rm -f "$list"
fi
