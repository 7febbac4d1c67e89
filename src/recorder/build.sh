#!/bin/sh
# Builds the recorder (a tracing MAPI32.DLL proxy, docs/recorder.md) with mingw-w64 into
#   $1/x64/MAPI32.DLL  (x86_64-w64-mingw32-gcc)   and   $1/x86/MAPI32.DLL  (i686-w64-mingw32-gcc).
# A compiler that is missing is not an error: the reason goes to $1/<arch>.skipped (and stderr), an
# older build of that arch is removed, and the script exits 0, so the Maven build goes on and the
# Wine tests skip saying why. Set RECORDER_REQUIRED=1 to fail instead (CI).
set -eu
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
gen="$out/gen"
mkdir -p "$gen"
status=0

# forward.inc and the two .def files, from exports.list (one source of truth for the export names)
grep -v '^#' "$here/exports.list" | awk 'NF==3 && $3=="forward" { printf "F(%d, %s, %s)\n", i++, $1, $2 }' > "$gen/forward.inc"
grep -v '^#' "$here/exports.list" | awk 'BEGIN { print "LIBRARY MAPI32.DLL"; print "EXPORTS" }
  NF==3 { printf "%s\n%s@%s = %s\n", $1, $1, $2, $1 }' > "$gen/mapi32-x64.def"
grep -v '^#' "$here/exports.list" | awk 'BEGIN { print "LIBRARY MAPI32.DLL"; print "EXPORTS" }
  NF==3 { printf "%s@%s\n%s = %s@%s\n", $1, $2, $1, $1, $2 }' > "$gen/mapi32-x86.def"

build() { # arch compiler
  arch="$1"; cc="$2"
  rm -f "$out/$arch.skipped"
  if ! command -v "$cc" >/dev/null 2>&1; then
    rm -rf "${out:?}/$arch"
    msg="$cc not found (Debian: apt-get install gcc-mingw-w64-$( [ "$arch" = x64 ] && echo x86-64 || echo i686 )): the $arch recorder DLL was not built"
    echo "$msg" > "$out/$arch.skipped"
    echo "[recorder] WARNING: $msg" >&2
    status=1
    return 0
  fi
  mkdir -p "$out/$arch"
  if [ -f "$out/$arch/MAPI32.DLL" ] && [ -z "$(find "$here" -type f -newer "$out/$arch/MAPI32.DLL")" ]; then
    echo "[recorder] $out/$arch/MAPI32.DLL is up to date" >&2
    return 0
  fi
  "$cc" -shared -O2 -Wall -Wextra -Wno-cast-function-type -std=gnu11 -I"$here" -I"$gen" \
    -o "$out/$arch/MAPI32.DLL" "$here/trace.c" "$here/proxy.c" "$here/exports.c" "$here/forward.c" \
    "$gen/mapi32-$arch.def" -s -static-libgcc -Wl,--no-insert-timestamp -Wl,--disable-auto-image-base -Wl,--enable-stdcall-fixup -Wl,--subsystem,windows
  echo "[recorder] built $out/$arch/MAPI32.DLL" >&2
}
build x64 x86_64-w64-mingw32-gcc
build x86 i686-w64-mingw32-gcc
if [ "$status" -ne 0 ] && [ "${RECORDER_REQUIRED:-0}" = 1 ]; then
  echo "[recorder] RECORDER_REQUIRED=1 and a compiler is missing" >&2
  exit 1
fi
exit 0
