#!/bin/sh
# Builds the MAPI test double (libmapidouble.so) into $1 with the system C compiler.
# Without a compiler it writes the reason to $1/mapidouble.skipped and exits 0: the contract tests
# then skip with that reason (JUnit Assumptions) instead of passing silently.
out="$1"
src="$(dirname "$0")/mapidouble.c"
mkdir -p "$out"
rm -f "$out/mapidouble.skipped"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "no C compiler ('$cc' not on PATH): the native MAPI test double was not built" > "$out/mapidouble.skipped"
  echo "[mapidouble] WARNING: $(cat "$out/mapidouble.skipped")" >&2
  exit 0
fi
exec "$cc" -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -Wno-cast-function-type \
  -o "$out/libmapidouble.so" "$src"
