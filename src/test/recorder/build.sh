#!/bin/sh
# Builds what the recorder's Wine tests (RecorderWineTest) run, into $2, with x86_64-w64-mingw32-gcc:
#   mapidouble.dll     src/test/native/mapidouble.c cross-compiled: the "real MAPI" behind the proxy
#   *-client.exe       the test clients (src/test/recorder/*-client.c), linked against the recorder's
#                      MAPI32.DLL ($1/x64, from src/recorder/build.sh) exactly like a real client
# Without the compiler or the recorder it writes the reason to $2/wine-tests.skipped and exits 0.
set -eu
rec="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
cc=x86_64-w64-mingw32-gcc
mkdir -p "$out"
rm -f "$out/wine-tests.skipped"
skip() { echo "$1" > "$out/wine-tests.skipped"; echo "[recorder-tests] WARNING: $1" >&2; exit 0; }
command -v "$cc" >/dev/null 2>&1 || skip "$cc not found (Debian: gcc-mingw-w64-x86-64): the recorder's Wine test programs were not built"
[ -f "$rec/x64/MAPI32.DLL" ] || skip "the x64 recorder DLL was not built ($(cat "$rec/x64.skipped" 2>/dev/null || echo "no $rec/x64/MAPI32.DLL"))"
# up to date when nothing it is built from (sources, the recorder DLL) is newer than the last build
stamp="$out/.built"
if [ -f "$stamp" ] && [ -z "$(find "$here" "$here/../native/mapidouble.c" "$rec/x64/MAPI32.DLL" -type f -newer "$stamp")" ]; then
  echo "[recorder-tests] $out is up to date" >&2
  exit 0
fi
"$cc" -shared -O2 -Wall -Wextra -Wno-unused-parameter -Wno-cast-function-type -D__USE_MINGW_ANSI_STDIO=1 \
  -o "$out/mapidouble.dll" "$here/../native/mapidouble.c"
for c in "$here"/*-client.c; do
  name="$(basename "$c" .c)"
  "$cc" -O2 -Wall -Wextra -Wno-cast-function-type -I"$here" -o "$out/$name.exe" "$c" "$rec/x64/MAPI32.DLL"
done
touch "$stamp"
echo "[recorder-tests] built $out" >&2
