#!/bin/sh
# Builds the MAPI test double (libmapidouble.so) into $1 with the system C compiler.
# Where it cannot be built (no compiler, not 64-bit Linux) it writes the reason to
# $1/mapidouble.skipped, removes any older build, and exits 0: the contract tests then skip with that
# reason (JUnit Assumptions) instead of passing silently or running against a stale library.
out="$1"
src="$(dirname "$0")/mapidouble.c"
mkdir -p "$out"
rm -f "$out/mapidouble.skipped"
cc="${CC:-gcc}"
skip() {
  rm -f "$out/libmapidouble.so"
  echo "$1" > "$out/mapidouble.skipped"
  echo "[mapidouble] WARNING: $1" >&2
  exit 0
}
# The double uses Linux APIs (gettid) and checks the 64-bit (x64) MAPI layouts at compile time.
[ "$(uname -s 2>/dev/null)" = "Linux" ] || skip "the native MAPI test double is built on Linux only (this is $(uname -s 2>/dev/null))"
[ "$(getconf LONG_BIT 2>/dev/null)" = "64" ] || skip "the native MAPI test double needs a 64-bit system (it checks the x64 MAPI layouts)"
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ('$cc' not on PATH): the native MAPI test double was not built"
exec "$cc" -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -Wno-cast-function-type \
  -o "$out/libmapidouble.so" "$src"
