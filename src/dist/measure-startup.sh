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
#   env:   CONFIGS="bare-like app-like image bare jar image-nocds javafx-run"   to pick configurations
#          (default: bare-like controls-like app-like image, the like-with-like comparison of issue 12);
#          config bare-like / app-like = like with like (decision 0421): two copies of the app-image
#            in target/startup-like, one running the bare window (BareWindow, one Label) instead of
#            the app, both through the same native launcher, runtime and JVM options, and each with
#            its own class-data archive made the same way (one recorded run, then -Xshare:dump);
#          config controls-like = the same like-with-like copy running ControlsWindow instead: the JavaFX controls of
#            the app's first frame and nothing else (menu bar, tool bar, tree, three tables, tab pane, split panes) at
#            the app's first size, no app code (decision 0920): how much of the app's start is those controls' own cost;
#          config base-like = app-like with the jar BASE_JAR (e.g. the same image's jar with an earlier commit's
#            classes) instead of the image's: before and after a change, interleaved, each with its own archive;
#            PHASES then covers it too
#          config image = the app-image as built (its archive from the build's training runs);
#          config bare = the bare window on the system JDK, java -cp, default flags, no archive;
#          config bare-flags = the bare window with the image's JVM flags (decision 0062);
#          config image-opts = the app-image with JAVA_TOOL_OPTIONS="$IMAGE_OPTS" (to try JVM flags)
#          PHASES=N  after the timed runs, N more interleaved runs of bare-like and app-like (and base-like, image) with
#            -Dworkbench.startup.phases=true: both print a STARTUP_PHASES line (ms from JVM start,
#            classes loaded and process CPU ms at main, start(), window built, CSS pass, layout pass, first
#            frame shown; nodes in the scene), and the script prints the median per phase, the gap per phase
#            and the process CPU (all threads, /proc/self/stat) at the first frame
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
configs=${CONFIGS:-"bare-like controls-like app-like image"}
phases=${PHASES:-0}
image=target/dist/mapi-workbench/bin/mapi-workbench
like=target/startup-like

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
javac -d target/bare-window -cp "$cp_libs" src/dist/bare-window/BareWindow.java src/dist/bare-window/ControlsWindow.java || exit 1
jar --create --file target/bare-window.jar -C target/bare-window . || exit 1

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

# like_copy NAME: target/startup-like/NAME = the app-image's launcher and runtime (hard links when
# possible) and a copy of lib/app without its archive; for "bare" lib/app holds the bare window
# instead of the app (the .cfg keeps every JVM option of the image). Then one recorded run and a
# -Xshare:dump make its own archive, the same way for both (src/dist/make-cds-archive.sh does the
# same for the build, with two training runs).
like_copy() {
    local d="$like/$1" src=target/dist/mapi-workbench cfg
    rm -rf "$d"
    mkdir -p "$d/lib"
    cp -a "$src/bin" "$d/"
    cp -a "$src/lib/libapplauncher.so" "$d/lib/"
    cp -al "$src/lib/runtime" "$d/lib/runtime" 2> /dev/null || cp -a "$src/lib/runtime" "$d/lib/runtime"
    cp -a "$src/lib/app" "$d/lib/app"
    rm -f "$d/lib/app/"*.jsa "$d/lib/app/"*.classlist
    if [ "$1" = base ]; then
        [ -f "${BASE_JAR:-}" ] || { echo "base-like needs BASE_JAR=<jar>" >&2; return 1; }
        cp "$BASE_JAR" "$d/lib/app/mapi-workbench.jar"
    fi
    cfg="$d/lib/app/mapi-workbench.cfg"
    if [ "$1" = bare ] || [ "$1" = controls ]; then
        local main=BareWindow
        [ "$1" = controls ] && main=ControlsWindow
        rm -rf "$d/lib/app/lib" "$d/lib/app/docs" "$d/lib/app/mapi-workbench.jar"
        cp target/bare-window.jar "$d/lib/app/"
        awk -v main="$main" '/^app\.classpath=/ {next} /^app\.mainclass=/ {print "app.classpath=$APPDIR/bare-window.jar"; print "app.mainclass=" main; next} {print}' \
            "$cfg" > "$cfg.new" && mv "$cfg.new" "$cfg"
    fi
    local args=()
    [ "$1" = bare ] || [ "$1" = controls ] || args=(--exit-after-shown --profile "$work/profile-like-train")
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$d/lib/app/mapi-workbench.classlist" timeout 120 \
        "$d/bin/mapi-workbench" "${args[@]}" > "$work/like-$1-train.out" 2>&1
    JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$d/lib/app/mapi-workbench.classlist -XX:SharedArchiveFile=$d/lib/app/mapi-workbench.jsa" \
        "$d/bin/mapi-workbench" > "$work/like-$1-dump.out" 2>&1
    if [ -s "$d/lib/app/mapi-workbench.jsa" ]; then
        echo "like-with-like $1: $(wc -l < "$d/lib/app/mapi-workbench.classlist") classes listed, archive $(du -h "$d/lib/app/mapi-workbench.jsa" | cut -f1)" >&2
    else
        echo "like-with-like $1: no archive made; last output:" >&2
        tail -5 "$work/like-$1-dump.out" >&2
        return 1
    fi
}

# run_config CONFIG: starts that configuration under /usr/bin/time (CPU seconds to $work/cpu)
run_config() {
    local cmd
    case $1 in
        bare-like) cmd=("$like/bare/bin/mapi-workbench") ;;
        controls-like) cmd=("$like/controls/bin/mapi-workbench") ;;
        app-like) cmd=("$like/app/bin/mapi-workbench" "${app_args[@]}") ;;
        base-like) cmd=("$like/base/bin/mapi-workbench" "${app_args[@]}") ;;
        bare) cmd=(java -cp "target/bare-window:$cp_libs" BareWindow) ;;
        bare-flags) cmd=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MetaspaceSize=96m -cp "target/bare-window:$cp_libs" BareWindow) ;;
        jar) cmd=(java -jar target/mapi-workbench.jar "${app_args[@]}") ;;
        image) cmd=("$image" "${app_args[@]}") ;;
        image-nocds) cmd=(env JAVA_TOOL_OPTIONS=-Xshare:off "$image" "${app_args[@]}") ;;
        image-opts) cmd=(env "JAVA_TOOL_OPTIONS=${IMAGE_OPTS:-}" "$image" "${app_args[@]}") ;;
        javafx-run) cmd=(mvn -q -o javafx:run "-Djavafx.args=${app_args[*]}") ;;
        *) echo "unknown configuration $1" >&2; return 64 ;;
    esac
    if [ -n "${PHASE_RUN:-}" ]; then
        cmd=(env "JAVA_TOOL_OPTIONS=-Dworkbench.startup.phases=true" "${cmd[@]}")
    fi
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
    if [ "${c#image}" != "$c" ] || [ "${c%-like}" != "$c" ]; then
        [ -x "$image" ] || { echo "skip $c: no app-image" >&2; continue; }
    fi
    if [ "${c%-like}" != "$c" ]; then
        like_copy "${c%-like}" || { echo "skip $c: no archive" >&2; continue; }
    fi
    if [ "$c" = image ]; then   # an archive without the window's classes starts the window ~1.4x slower (0820)
        l=target/dist/mapi-workbench/lib/app/mapi-workbench.classlist
        echo "image: class list $(wc -l < "$l" 2> /dev/null || echo 0) classes; window classes in it: $(grep -q '^javafx/scene/control/MenuBar$' "$l" 2> /dev/null && echo yes || echo 'NO (headless only)')" >&2
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

# phases: the STARTUP_PHASES line of each run -> "main start built css layout shown classes nodes"
# (ms from JVM start per mark, the classes loaded at the first frame, the nodes in the scene)
phase_names=("JVM start -> main()" "-> start() (toolkit up)" "-> window built" "-> first CSS pass" "-> first layout pass" "-> first frame shown")
phase_of() {    # STARTUP_PHASES line -> eight figures
    printf '%s\n' "$1" | sed -n 's/.*STARTUP_PHASES \(.*\)/\1/p' | head -1 | awk '{
        for (i = 1; i <= NF; i++) { split($i, kv, "="); split(kv[2], v, "/"); ms[kv[1]] = v[1]; cl[kv[1]] = v[2]; cpu[kv[1]] = v[3] }
        printf "%d %d %d %d %d %d %d %d %d\n", ms["main"], ms["start"], ms["built"], ms["css"], ms["layout"], ms["shown"], cl["shown"], ms["nodes"], cpu["shown"] }'
}
if [ "$phases" -gt 0 ]; then
    for r in $(seq "$phases"); do
        for c in "${active[@]}"; do
            case $c in bare-like | controls-like | app-like | base-like | image) ;; *) continue ;; esac
            out=$(PHASE_RUN=1 run_config "$c" 2>&1)
            line=$(phase_of "$out")
            [ -n "$line" ] && echo "$line" >> "$work/$c.phases"
        done
    done
fi

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
like_ratio=
if [ -s "$work/bare-like.txt" ] && [ -s "$work/app-like.txt" ]; then
    b=$(cut -d' ' -f1 "$work/bare-like.txt" | median)
    a=$(cut -d' ' -f1 "$work/app-like.txt" | median)
    like_ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
    echo "like with like (same launcher, runtime, JVM options, own archive each): app $a ms / bare $b ms = ${like_ratio}x (target <= 1.3x), gap $((a - b)) ms"
fi
if [ -s "$work/controls-like.txt" ] && [ -s "$work/bare-like.txt" ]; then
    b=$(cut -d' ' -f1 "$work/bare-like.txt" | median)
    k=$(cut -d' ' -f1 "$work/controls-like.txt" | median)
    echo "the app's controls alone (ControlsWindow, same launcher, runtime, options, own archive): $k ms / bare $b ms = $(awk -v a="$k" -v b="$b" 'BEGIN {printf "%.2f", a / b}')x"
    if [ -s "$work/app-like.txt" ]; then
        a=$(cut -d' ' -f1 "$work/app-like.txt" | median)
        echo "app over its controls alone: app $a ms / controls $k ms = $(awk -v a="$a" -v b="$k" 'BEGIN {printf "%.2f", a / b}')x, gap $((a - k)) ms"
    fi
fi
if [ -s "$work/base-like.txt" ] && [ -s "$work/bare-like.txt" ]; then
    b=$(cut -d' ' -f1 "$work/bare-like.txt" | median)
    a=$(cut -d' ' -f1 "$work/base-like.txt" | median)
    echo "like with like, BASE_JAR: base $a ms / bare $b ms = $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')x"
fi
for c in controls-like base-like image; do
    f="$work/$c.phases"
    [ -s "$f" ] || continue
    echo "phases of $c (median, ms from JVM start): $(for i in 1 2 3 4 5 6; do cut -d' ' -f$i "$f" | median; done | tr '\n' ' ')classes $(cut -d' ' -f7 "$f" | median) nodes $(cut -d' ' -f8 "$f" | median)"
done
if [ -s "$work/bare-like.phases" ] && [ -s "$work/app-like.phases" ]; then
    echo "phases (median of $phases runs each with -Dworkbench.startup.phases=true, ms from JVM start; the gap per phase):"
    printf '  %-30s %9s %9s %9s\n' phase bare-like app-like "gap"
    prev_b=0
    prev_a=0
    for i in 1 2 3 4 5 6; do
        b=$(cut -d' ' -f$i "$work/bare-like.phases" | median)
        a=$(cut -d' ' -f$i "$work/app-like.phases" | median)
        printf '  %-30s %6s ms %6s ms %+6d ms\n' "${phase_names[$((i - 1))]}" "$b" "$a" $(((a - prev_a) - (b - prev_b)))
        prev_b=$b
        prev_a=$a
    done
    printf '  %-30s %9s %9s\n' "classes loaded at first frame" "$(cut -d' ' -f7 "$work/bare-like.phases" | median)" "$(cut -d' ' -f7 "$work/app-like.phases" | median)"
    printf '  %-30s %9s %9s\n' "nodes in the scene" "$(cut -d' ' -f8 "$work/bare-like.phases" | median)" "$(cut -d' ' -f8 "$work/app-like.phases" | median)"
    # the process's CPU (all threads) from its start to the first frame: on a shared machine the least disturbed figure
    printf '  %-30s %6s ms %6s ms' "process CPU at first frame" "$(cut -d' ' -f9 "$work/bare-like.phases" | median)" "$(cut -d' ' -f9 "$work/app-like.phases" | median)"
    for c in base-like image; do [ -s "$work/$c.phases" ] && printf '  (%s %s ms)' "$c" "$(cut -d' ' -f9 "$work/$c.phases" | median)"; done
    echo
fi
