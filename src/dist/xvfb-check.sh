#!/usr/bin/env bash
# The window under a real window manager (issue 10): starts the real app under Xvfb WITH Openbox,
# checks the main window's size and the compose dialog with xwininfo, drives it with keys only
# (Ctrl+N, Tab, Esc, Alt+mnemonics, Enter) through compose, the logoff dialog and a teardown, and
# takes the README screenshots into assets/screenshots/ at 800x550, 1180x760 and 1920x1080.
# Fails (exit 1) when a check fails; prints one line per check.
#
#   usage: src/dist/xvfb-check.sh [--no-build] [--app CMD] [--out DIR]
#            --no-build   use target/mapi-workbench.jar as it is (default: mvn -q package -Dmaven.test.skip=true)
#            --app CMD    start this instead of java -jar target/mapi-workbench.jar, e.g.
#                         target/dist/mapi-workbench/bin/mapi-workbench (the app-image)
#            --out DIR    where the screenshots go (default assets/screenshots)
#   needs:  apt-get install -y xvfb openbox xdotool imagemagick x11-utils libgtk-3-0
set -uo pipefail
cd "$(dirname "$0")/../.."
build=1
app="java -jar target/mapi-workbench.jar"
out=assets/screenshots
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --app) app=$2; shift ;;
        --out) out=$2; shift ;;
        *) echo "xvfb-check: unknown argument $1" >&2; exit 64 ;;
    esac
    shift
done
for tool in Xvfb openbox xdotool xwininfo import; do
    command -v $tool > /dev/null || { echo "xvfb-check: needs $tool (apt-get install -y xvfb openbox xdotool imagemagick x11-utils)" >&2; exit 2; }
done
if [ $build = 1 ]; then
    mvn -q package -Dmaven.test.skip=true || exit 1
fi
mkdir -p "$out"

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2> /dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() { # check <description> <condition...>
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
# waits up to $2 seconds (default 60) for a window titled $1; prints its id
window() {
    local i
    for i in $(seq 1 "${2:-60}"); do
        local id
        id=$(xdotool search --onlyvisible --name "^$1\$" 2> /dev/null | head -1)
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 1
    done
    return 1
}
gone() { # gone <title> : waits up to 20 s until no visible window has that title
    local i
    for i in $(seq 1 20); do
        xdotool search --onlyvisible --name "^$1\$" > /dev/null 2>&1 || return 0
        sleep 1
    done
    return 1
}
size() { xwininfo -id "$1" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w, h}'; }
shot() { # shot <window id> <file>: the window with its frame, once two captures 2 s apart agree
    local i
    import -window "$1" -frame "$work/a.png" 2> /dev/null
    for i in $(seq 1 10); do  # a busy machine renders a resize late: wait until the picture is stable
        sleep 2
        import -window "$1" -frame "$work/b.png" 2> /dev/null
        [ "$(compare -metric AE "$work/a.png" "$work/b.png" null: 2>&1)" = 0 ] && break
        mv "$work/b.png" "$work/a.png"
    done
    cp "$work/b.png" "$out/$2"
    echo "     screenshot $out/$2 ($(identify -format '%wx%h' "$out/$2"))"
}

# a screen large enough for the 1920x1080 window plus its frame
export DISPLAY=:$((90 + RANDOM % 50))
Xvfb "$DISPLAY" -screen 0 2200x1300x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
pids+=($!)
sleep 2
openbox > "$work/openbox.log" 2>&1 &
pids+=($!)
sleep 2

# a first start: no remembered window state; Java takes user.home from the password file, not $HOME
export HOME="$work/home"
export JAVA_TOOL_OPTIONS="-Duser.home=$HOME"
mkdir -p "$HOME"
$app --profile "$work/profile" --transport-latency 6000 > "$work/app.log" 2>&1 &
app_pid=$!
pids+=($app_pid)

main=$(window "MAPI Logoff Workbench" 90) || { echo "FAIL the main window did not appear"; cat "$work/app.log"; exit 1; }
sleep 10 # the logon (New message is enabled once logged on) and the first re-layout
read -r w h <<< "$(size "$main")"
check "main window opens at a usable size under Openbox (${w}x${h}, asked 1180x760)" \
    test "$w" -ge 1100 -a "$h" -ge 680 -a "$w" -le 2200 -a "$h" -le 1300
case $app in
    *" -jar "*) echo "skip the 'Unsupported JavaFX configuration' check: java -jar runs JavaFX from the class path (the app-image does not; --app target/dist/mapi-workbench/bin/mapi-workbench)" ;;
    *) check "no 'Unsupported JavaFX configuration' warning at start" \
           bash -c "! grep -q 'Unsupported JavaFX configuration' '$work/app.log'" ;;
esac

# compose: Ctrl+N, type, Tab, Esc
xdotool windowactivate --sync "$main" 2> /dev/null; sleep 1
xdotool key ctrl+n
compose=$(window "New message" 20) || { echo "FAIL Ctrl+N opened no compose dialog"; failures=$((failures + 1)); }
if [ -n "${compose:-}" ]; then
    read -r cw ch <<< "$(size "$compose")"
    check "compose dialog is large enough for its labels and a multi-line body (${cw}x${ch})" \
        test "$cw" -ge 520 -a "$ch" -ge 300
    xdotool type --delay 30 "alice@example.com"; xdotool key Tab
    xdotool type --delay 30 "Quarterly report"; xdotool key Tab
    xdotool type --delay 30 "Numbers attached."; xdotool key Return; xdotool type --delay 30 "Second line."
    shot "$compose" compose-dialog.png
    xdotool key Escape
    check "Esc closes the compose dialog" gone "New message"
fi
send() { # send <to> <subject>: Ctrl+N, type, Alt+S (the _Send mnemonic)
    xdotool windowactivate --sync "$main" 2> /dev/null
    xdotool key ctrl+n
    window "New message" 20 > /dev/null || return 1
    xdotool type --delay 30 "$1"; xdotool key Tab; xdotool type --delay 30 "$2"
    xdotool key alt+s
    gone "New message"
}
check "Alt+S sends (the compose dialog closes)" send "bob@example.com" "Weekly numbers"

# the three layouts of the main window, with one message waiting in the Outbox
for geometry in 800x550 1180x760 1920x1080; do
    for attempt in 1 2 3; do
        xdotool windowsize "$main" "${geometry%x*}" "${geometry#*x}" 2> /dev/null
        xdotool windowmove "$main" 20 20 2> /dev/null
        sleep 2
        read -r w h <<< "$(size "$main")"
        [ "$w" = "${geometry%x*}" ] && break
    done
    check "main window resized to $geometry (${w}x${h})" test "$w" -le "${geometry%x*}" -a "$w" -ge $(( ${geometry%x*} - 40 ))
    shot "$main" "main-window-$geometry.png"
done
cp "$out/main-window-1180x760.png" "$out/main-window.png"
xdotool windowsize --sync "$main" 1180 760 2> /dev/null; sleep 1

# the logoff dialog by the toolbar's mnemonic (Alt+G = Lo_g off), Esc, then Enter with mail pending
send "carol@example.com" "Slow one" > /dev/null
xdotool windowactivate --sync "$main" 2> /dev/null
xdotool key alt+g
logoff=$(window "Log off" 20) || { echo "FAIL Alt+G opened no logoff dialog"; failures=$((failures + 1)); }
if [ -n "${logoff:-}" ]; then
    shot "$logoff" logoff-dialog.png
    xdotool key Escape
    check "Esc cancels the logoff dialog" gone "Log off"
    xdotool key alt+g
    window "Log off" 20 > /dev/null
    # mail is pending: Enter is the highlighted default, "Log off after sending"
    xdotool key Return
    check "Enter in the logoff dialog closes it" gone "Log off"
    sleep 2
    shot "$main" teardown-running.png
    sleep 20 # the message takes 6 s, then the eight steps
    shot "$main" teardown-finished.png
fi

# Ctrl+Q asks before exiting (logged off now: it exits at once)
xdotool windowactivate --sync "$main" 2> /dev/null
xdotool key ctrl+q
for i in $(seq 1 20); do kill -0 "$app_pid" 2> /dev/null || break; sleep 1; done
check "Ctrl+Q exits the app" bash -c "! kill -0 $app_pid 2> /dev/null"
check "the window state was saved on close" test -s "$HOME/.mapi-workbench/window.properties"
echo "app log: $(grep -c . "$work/app.log") lines; last: $(tail -1 "$work/app.log")"
[ $failures = 0 ] && echo "xvfb-check: all checks passed" || echo "xvfb-check: $failures check(s) failed"
exit $((failures > 0))
