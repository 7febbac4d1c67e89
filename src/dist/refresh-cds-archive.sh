#!/bin/sh
# Shipped inside the app-image as lib/app/refresh-cds-archive.sh. Dumps the class-data archive
# (lib/app/mapi-workbench.jsa) for the folder the app is in now, from the class list recorded at
# build time. A JDK 17 archive works only at the path it was made for, so the .deb's postinst
# runs this after installing, and whoever unpacks the app-image somewhere else may run it once:
#     sh <app>/lib/app/refresh-cds-archive.sh
# Without an archive the app still runs, only its start is slower. Needs no Java besides the
# app's own runtime; prints one line; exit 0 when the archive was written.
app_lib=$(cd "$(dirname "$0")" && pwd)
app_home=$(cd "$app_lib/../.." && pwd)
name=mapi-workbench
list="$app_lib/$name.classlist"
jsa="$app_lib/$name.jsa"

rm -f "$jsa"
if [ ! -s "$list" ]; then
    echo "$name: no class list at $list; no archive" >&2
    exit 1
fi
if JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$list -XX:SharedArchiveFile=$jsa" \
        "$app_home/bin/$name" > /dev/null 2>&1 && [ -s "$jsa" ]; then
    echo "$name: class-data archive written ($jsa)"
    exit 0
fi
rm -f "$jsa"
echo "$name: could not write the class-data archive (the app starts a little slower)" >&2
exit 1
