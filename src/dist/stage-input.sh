#!/usr/bin/env bash
# `mvn -Pdist package`, step 1: clears target/dist and stages jpackage's --input folder,
# target/dist-input = the app jar + lib/ (its manifest Class-Path points into lib/, and jpackage
# puts every jar of the folder on the launcher's class path). The JavaFX jars with the linux
# classifier are in lib/ (copy-dependencies), so JavaFX runs from the class path in the image.
#   usage: src/dist/stage-input.sh <target dir> <final name>
set -euo pipefail
target=${1:?target dir}
name=${2:?final name}
jar="$target/$name.jar"
[ -f "$jar" ] || { echo "stage-input: $jar is missing (run the package phase)" >&2; exit 1; }
ls "$target"/lib/javafx-graphics-*-linux.jar > /dev/null 2>&1 \
    || echo "stage-input: warning: no linux-classifier JavaFX jar in $target/lib" >&2
rm -rf "$target/dist" "$target/dist-input"
mkdir -p "$target/dist-input/lib" "$target/dist"
cp "$jar" "$target/dist-input/"
cp "$target"/lib/*.jar "$target/dist-input/lib/"
