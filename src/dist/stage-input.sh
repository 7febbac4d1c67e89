#!/usr/bin/env bash
# `mvn -Pdist package`, step 1: clears target/dist and stages jpackage's --input folder,
# target/dist-input = the app jar + lib/ (its manifest Class-Path points into lib/, and jpackage
# puts every jar of the folder on the launcher's class path) + docs/ (README and docs/*.md, which
# Help > About links to). JavaFX is NOT on the class path: its linux-classifier jars go to
# target/dist-fxmods, which jpackage links into the image's runtime as named modules, so JavaFX
# starts without the "Unsupported JavaFX configuration" warning (decision 0101).
#   usage: src/dist/stage-input.sh <target dir> <final name>
set -euo pipefail
target=${1:?target dir}
name=${2:?final name}
jar="$target/$name.jar"
[ -f "$jar" ] || { echo "stage-input: $jar is missing (run the package phase)" >&2; exit 1; }
ls "$target"/lib/javafx-graphics-*-linux.jar > /dev/null 2>&1 \
    || echo "stage-input: warning: no linux-classifier JavaFX jar in $target/lib" >&2
base=$(cd "$target/.." && pwd)
rm -rf "$target/dist" "$target/dist-input" "$target/dist-fxmods"
mkdir -p "$target/dist-input/lib" "$target/dist-input/docs/docs" "$target/dist-fxmods" "$target/dist"
cp "$jar" "$target/dist-input/"
for j in "$target"/lib/*.jar; do
    case $(basename "$j") in
        javafx-*) ;;
        *) cp "$j" "$target/dist-input/lib/" ;;
    esac
done
for m in base graphics controls; do
    cp "$target"/lib/javafx-$m-*-linux.jar "$target/dist-fxmods/"
done
cp "$base/README.md" "$target/dist-input/docs/"
cp "$base"/docs/*.md "$target/dist-input/docs/docs/"
