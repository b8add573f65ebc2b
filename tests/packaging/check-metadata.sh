#!/bin/sh
# check-metadata.sh desktop FILE
# check-metadata.sh metainfo FILE PROJECT_VERSION DESKTOP_ID
# Exits 77 (ctest: skipped) when the validator is not installed; scripts/setup.sh installs both.
set -u
mode=$1
file=$2

fail() {
    echo "FAIL: $*"
    exit 1
}

case "$mode" in
desktop)
    command -v desktop-file-validate >/dev/null 2>&1 || {
        echo "desktop-file-validate not installed (package desktop-file-utils): skipped"
        exit 77
    }
    out=$(desktop-file-validate "$file" 2>&1)
    rc=$?
    [ -n "$out" ] && echo "$out"
    [ $rc -eq 0 ] || fail "desktop-file-validate rejected $file"
    # Hints are advice; errors and warnings are not accepted.
    echo "$out" | grep -Eq ': (error|warning):' && fail "desktop-file-validate reported problems"
    grep -qx 'Icon=org.hookline.Hookline' "$file" || fail "Icon= must name the installed icon org.hookline.Hookline"
    grep -qx 'Exec=hookline' "$file" || fail "Exec= must start the installed hookline"
    ;;
metainfo)
    version=$3
    desktop_id=$4
    command -v appstreamcli >/dev/null 2>&1 || {
        echo "appstreamcli not installed (package appstream): skipped"
        exit 77
    }
    appstreamcli validate --no-net --explain "$file" || fail "appstreamcli rejected $file"
    grep -q "<launchable type=\"desktop-id\">$desktop_id</launchable>" "$file" ||
        fail "launchable must be $desktop_id"
    # Releases are listed newest first; the newest must be the version being built.
    newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$file" | head -n 1)
    [ "$newest" = "$version" ] ||
        fail "newest <release> is '$newest' but the project version is $version: add a release entry"
    for binary in hookline hookline-cli; do
        grep -q "<binary>$binary</binary>" "$file" || fail "<provides> lacks <binary>$binary</binary>"
    done
    ;;
*)
    fail "unknown mode '$mode'"
    ;;
esac
echo "OK: $file"
