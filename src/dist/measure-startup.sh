#!/usr/bin/env bash
# Start-up time, process start to first frame shown, for each way of starting the app, against
# a bare JavaFX window started the same way (docs/perf-notes/dist.md). Every run prints
# STARTUP_MS=<n> (JVM start time to the stage's first "shown" event) and exits at once
# (the app: --print-startup-time --exit-after-shown). Runs are interleaved round-robin so a
# busy machine hurts every configuration alike; prints the median and min of STARTUP_MS and the
# median wall time (fork to exit; for javafx:run that includes Maven itself) and the median CPU
# time (user + sys of the whole process; on a busy machine the least disturbed figure).
#
#   usage: src/dist/measure-startup.sh [N]       (N runs per configuration, default 10)
#   needs: Xvfb + libgtk-3-0 (apt-get install -y xvfb xauth libgtk-3-0); target/ built with
#          mvn -Pdist package -DskipTests (the jar, target/lib and the app-image)
#   env:   CONFIGS="bare jar image image-nocds javafx-run"   to pick configurations;
#          config bare-flags = the bare window with the image's JVM flags (decision 0062);
#          config image-opts = the app-image with JAVA_TOOL_OPTIONS="$IMAGE_OPTS" (to try JVM flags)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
configs=${CONFIGS:-"bare jar image image-nocds javafx-run"}
image=target/dist/mapi-workbench/bin/mapi-workbench

[ -f target/mapi-workbench.jar ] || { echo "build first: mvn -Pdist package -DskipTests" >&2; exit 1; }
command -v Xvfb > /dev/null || { echo "needs Xvfb: apt-get install -y xvfb xauth libgtk-3-0" >&2; exit 1; }

work=$(mktemp -d)
xvfb_pid=
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The yardstick: an empty Stage, class path like the jar.
mkdir -p target/bare-window
cp_libs=$(ls target/lib/*.jar | tr '\n' ':')
javac -d target/bare-window -cp "$cp_libs" src/dist/bare-window/BareWindow.java || exit 1

# One X server for all runs.
exec 3> "$work/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$work/display")"
# The app gets a private profile (made by the warm-up run, reused after, like a second start);
# Java takes user.home from the password database, not $HOME, so the default would be the real one.
export HOME="$work/home"
mkdir -p "$HOME"
app_args=(--print-startup-time --exit-after-shown --profile "$work/profile")

# run_config CONFIG: starts that configuration under /usr/bin/time (CPU seconds to $work/cpu)
run_config() {
    local cmd
    case $1 in
        bare) cmd=(java -cp "target/bare-window:$cp_libs" BareWindow) ;;
        bare-flags) cmd=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "target/bare-window:$cp_libs" BareWindow) ;;
        jar) cmd=(java -jar target/mapi-workbench.jar "${app_args[@]}") ;;
        image) cmd=("$image" "${app_args[@]}") ;;
        image-nocds) cmd=(env JAVA_TOOL_OPTIONS=-Xshare:off "$image" "${app_args[@]}") ;;
        image-opts) cmd=(env "JAVA_TOOL_OPTIONS=${IMAGE_OPTS:-}" "$image" "${app_args[@]}") ;;
        javafx-run) cmd=(mvn -q -o javafx:run "-Djavafx.args=${app_args[*]}") ;;
        *) echo "unknown configuration $1" >&2; return 64 ;;
    esac
    /usr/bin/time -f '%U %S' -o "$work/cpu" timeout 60 "${cmd[@]}"
}

# one_run CONFIG -> appends "startup_ms wall_ms cpu_ms" to $work/CONFIG.txt; 1 without STARTUP_MS
one_run() {
    local start end out ms cpu
    start=$(date +%s%N)
    out=$(run_config "$1" 2>&1)
    end=$(date +%s%N)
    ms=$(printf '%s\n' "$out" | sed -n 's/.*STARTUP_MS=\([0-9][0-9]*\).*/\1/p' | head -1)
    if [ -z "$ms" ]; then
        printf '%s\n' "$out" | tail -3 > "$work/$1.err"
        return 1
    fi
    cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")
    echo "$ms $(((end - start) / 1000000)) $cpu" >> "$work/$1.txt"
}

active=()
for c in $configs; do
    if [ "${c#image}" != "$c" ]; then
        [ -x "$image" ] || { echo "skip $c: no app-image" >&2; continue; }
    fi
    if one_run "$c"; then   # warm-up (JavaFX native cache, JIT-free first touch of the files)
        rm -f "$work/$c.txt"
        active+=("$c")
    else
        echo "skip $c: no STARTUP_MS line; last output:" >&2
        sed 's/^/    /' "$work/$c.err" >&2
    fi
done

for r in $(seq "$runs"); do
    for c in "${active[@]}"; do one_run "$c" || echo "run $r of $c failed" >&2; done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
bare_median=
printf '%-12s %4s %12s %8s %11s %11s %7s\n' config runs "startup med" min "wall med" "CPU med" "x bare"
for c in "${active[@]}"; do
    f="$work/$c.txt"
    [ -s "$f" ] || continue
    med=$(cut -d' ' -f1 "$f" | median)
    min=$(cut -d' ' -f1 "$f" | sort -n | head -1)
    wall=$(cut -d' ' -f2 "$f" | median)
    cpu=$(cut -d' ' -f3 "$f" | median)
    [ "$c" = bare ] && bare_median=$med
    ratio=-
    [ -n "$bare_median" ] && ratio=$(awk -v a="$med" -v b="$bare_median" 'BEGIN {printf "%.2f", a / b}')
    printf '%-12s %4s %9s ms %5s ms %8s ms %8s ms %7s\n' "$c" "$(wc -l < "$f")" "$med" "$min" "$wall" "$cpu" "$ratio"
done
