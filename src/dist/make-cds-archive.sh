#!/usr/bin/env bash
# `mvn -Pdist package`, step 3: gives the app-image a class-data-sharing archive (AppCDS), made
# with the image's own runtime, so the app starts faster (docs/perf-notes/dist.md,
# docs/decisions/0061-cds-archive.md).
#
#  1. training runs through the image's launcher record the classes they load
#     (-XX:DumpLoadedClassList): the headless command line end to end, and the window (shown once,
#     then closed by --exit-after-shown) when a display or xvfb-run is available;
#  2. the merged list is kept as lib/app/mapi-workbench.classlist (the .deb's postinst dumps the
#     archive again from it, because a JDK 17 archive only works at the path it was made for);
#  3. -Xshare:dump (lib/app/refresh-cds-archive.sh, shipped in the image) writes
#     lib/app/mapi-workbench.jsa, which the launcher's .cfg names with
#     -XX:SharedArchiveFile=$APPDIR/mapi-workbench.jsa (set by the pom). A missing or unusable
#     archive only costs speed: JDK 17 then runs without sharing, silently.
#
# A failed training run or dump never fails the build; it prints a warning and leaves no archive.
#   usage: src/dist/make-cds-archive.sh <app-image dir>     (e.g. target/dist/mapi-workbench)
set -uo pipefail
app=${1:?app-image dir}
name=$(basename "$app")
launcher="$app/bin/$name"
appdir="$app/lib/app"
list="$appdir/$name.classlist"
jsa="$appdir/$name.jsa"
[ -x "$launcher" ] || { echo "make-cds-archive: no launcher at $launcher" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
warn() { echo "make-cds-archive: warning: $*" >&2; }
rm -f "$jsa" "$list"

# 1a. headless: logon, queue and send two messages, log off, write a transcript.
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/headless.lst" timeout 120 "$launcher" --headless \
    --profile "$work/profile-headless" --send 2 --logoff now --transcript "$work/t.json" \
    > "$work/headless.out" 2>&1 || warn "headless training run exited $? (see below); its classes are still used
$(tail -5 "$work/headless.out")"

# 1b. the window, when something can show it.
xrun=()
if [ -z "${DISPLAY:-}" ]; then
    if command -v xvfb-run > /dev/null; then xrun=(xvfb-run -a); else xrun=(none); fi
fi
if [ "${xrun[0]:-}" = none ]; then
    warn "no DISPLAY and no xvfb-run: the archive covers the headless path only"
else
    HOME="$work/home" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/gui.lst" timeout -s TERM 45 \
        "${xrun[@]}" "$launcher" --profile "$work/profile-gui" --exit-after-shown \
        > "$work/gui.out" 2>&1 || warn "window training run exited $?; its classes are still used
$(tail -5 "$work/gui.out")"
fi

# 2. merge (first occurrence wins, order kept).
cat "$work"/*.lst 2> /dev/null | awk '!seen[$0]++' > "$list"
if [ ! -s "$list" ]; then
    warn "no class list recorded; no archive"
    rm -f "$list"
    exit 0
fi

# 3. dump the static archive with the image's runtime and its exact class path, through the
#    same script the .deb's postinst and an unpacked copy use.
cp "$(dirname "$0")/refresh-cds-archive.sh" "$appdir/refresh-cds-archive.sh"
chmod 755 "$appdir/refresh-cds-archive.sh"
if ! sh "$appdir/refresh-cds-archive.sh" > /dev/null; then
    warn "-Xshare:dump failed; no archive"
    exit 0
fi
echo "make-cds-archive: $(wc -l < "$list") classes listed, archive $(du -h "$jsa" | cut -f1) at $jsa"
