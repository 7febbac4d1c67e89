#!/usr/bin/env bash
# `mvn -Pdist package`: gives the app-image a class-data-sharing archive (AppCDS), made with the
# image's own runtime, so the app starts faster (docs/decisions/0061-cds-archive.md,
# docs/perf-notes/dist.md). Two modes, run by the pom around the .deb and .tar.gz steps:
#
#  record  training runs through the image's launcher record the classes they load
#          (-XX:DumpLoadedClassList): the headless command line end to end, and the window (shown
#          once, closed by --exit-after-shown) on a private Xvfb, else on $DISPLAY; without the
#          window's classes the build fails unless CDS_WINDOW=optional (decision 0820). The merged
#          list is kept as lib/app/mapi-workbench.classlist, next to refresh-cds-archive.sh, so the
#          packages carry both and the .deb's postinst dumps the archive for /opt (a JDK 17
#          archive only works at the path it was made for).
#  dump    lib/app/refresh-cds-archive.sh runs -Xshare:dump and writes lib/app/mapi-workbench.jsa
#          for target/dist/mapi-workbench, which the launcher's .cfg names with
#          -XX:SharedArchiveFile=$APPDIR/mapi-workbench.jsa (set by the pom).
#
# A missing or unusable archive costs speed only (JDK 17 then runs without sharing, silently), so
# a failed headless training run or dump never fails the build: it prints a warning. The window's
# run is the exception (decision 0820): its classes are the packaged window's start-up.
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
xvfb_pid=
stop_xvfb() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2> /dev/null && wait "$xvfb_pid" 2> /dev/null
    xvfb_pid=
}
trap 'stop_xvfb; rm -rf "$work"' EXIT
rm -f "$jsa" "$list"
cp "$(dirname "$0")/refresh-cds-archive.sh" "$appdir/refresh-cds-archive.sh"
chmod 755 "$appdir/refresh-cds-archive.sh"

# 1. headless: logon, queue and send two messages, log off, write a transcript.
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/headless.lst" timeout 120 "$launcher" --headless \
    --profile "$work/profile-headless" --send 2 --logoff now --transcript "$work/t.json" \
    > "$work/headless.out" 2>&1 || warn "headless training run exited $? (its classes are still used):
$(tail -5 "$work/headless.out")"

# 2. the window (shown once, closed by --exit-after-shown), on an X server of its own when Xvfb is
# there (-displayfd: a free display, no xauth, no window flashing on a desktop), else on $DISPLAY.
# Its classes are what a person waits for at every start, so the run is checked: without the window's
# classes in the list (no display, GTK missing, the run failed) it is tried once more, then
# CDS_WINDOW=required (the pom's default, -Ddist.cdsWindow) fails the build, "optional" warns
# (decision 0820: a list without them made the packaged window start 1.4x slower, silently).
gui_display=${DISPLAY:-}
if command -v Xvfb > /dev/null; then
    Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3> "$work/display" > "$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
    if [ -s "$work/display" ]; then
        gui_display=":$(head -1 "$work/display")"
    else
        warn "Xvfb did not start: $(tail -3 "$work/xvfb.log")"
        stop_xvfb
    fi
fi
window_recorded() { grep -q '^dev/mapiworkbench/app/WorkbenchApp$' "$1" 2> /dev/null \
    && grep -q '^javafx/scene/control/MenuBar$' "$1"; }
if [ -z "$gui_display" ]; then
    echo "no Xvfb and no DISPLAY: nothing can show the window" > "$work/gui.out"
else
    for attempt in 1 2; do
        rm -rf "$work/gui.lst" "$work/home" "$work/profile-gui"
        DISPLAY=$gui_display HOME="$work/home" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/gui.lst" \
            timeout -s TERM 60 "$launcher" --profile "$work/profile-gui" --exit-after-shown > "$work/gui.out" 2>&1
        echo "exit status $?" >> "$work/gui.out"
        window_recorded "$work/gui.lst" && break
    done
fi
stop_xvfb
if ! window_recorded "$work/gui.lst"; then
    rm -f "$work/gui.lst"
    msg="the window's training run recorded no window classes, so the archive would not cover the window's start:
$(grep -v '^[[:space:]]*at \|^[[:space:]]*\.\.\. ' "$work/gui.out" | tail -8)
(needs Xvfb or a DISPLAY, and libgtk-3-0; CDS_WINDOW=optional / -Ddist.cdsWindow=optional to build anyway)"
    if [ "${CDS_WINDOW:-required}" = optional ]; then
        warn "$msg"
    else
        echo "make-cds-archive: error: $msg" >&2
        exit 1
    fi
fi

# 3. merge: the window's list first, then what the headless run adds. A line may stand more than once in one list
# and must stay so: "@lambda-proxy" lines name the lambda's shape, not its call site, and each occurrence archives
# the lambda of one more call site (two "model::logon", the menu's and the tool bar's, are two lines; a plain
# "first occurrence wins" kept one and left the other to be spun at every start, decision 0820). So a line is
# kept as often as it stands in the list that has it most often.
files=()
for f in "$work/gui.lst" "$work/headless.lst"; do [ -s "$f" ] && files+=("$f"); done
if [ "${#files[@]}" -gt 0 ]; then
    awk 'FNR == 1 { split("", n) } { n[$0]++; if (n[$0] > kept[$0]) { kept[$0] = n[$0]; print } }' "${files[@]}" > "$list"
fi
if [ -s "$list" ]; then
    echo "make-cds-archive: $(wc -l < "$list") classes recorded in $list"
else
    warn "no class list recorded; no archive"
    rm -f "$list"
fi
