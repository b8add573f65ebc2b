#!/usr/bin/env bash
# packaging/check-deb.sh BUILD_DIR
# Makes the DEB from an already configured build directory, installs it on this machine with
# apt-get (so its declared dependencies resolve), runs the installed executables, and removes it
# again. Needs root. .ci/run calls it after scripts/test with the suite's build directory.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "check-deb: installs a package system-wide, so it must run as root" >&2
    exit 2
fi
build="$(cd "$1" && pwd)"
[ -f "$build/CPackConfig.cmake" ] || { echo "check-deb: $build is not a configured build directory" >&2; exit 2; }
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
[ -n "$version" ] || { echo "check-deb: no project version in $build/CMakeCache.txt" >&2; exit 2; }

export DEBIAN_FRONTEND=noninteractive
passed=0
failed=0
check() {
    local what="$1"
    shift
    if "$@"; then
        echo "check-deb: PASS $what"
        passed=$((passed + 1))
    else
        echo "check-deb: FAIL $what"
        failed=$((failed + 1))
    fi
}

# CPack's DEB generator uses dpkg-shlibdeps (dpkg-dev) to work out the library dependencies.
command -v dpkg-shlibdeps >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends dpkg-dev

out="$build/packages-check"
rm -rf "$out"
echo "check-deb: building the DEB for Hookline $version from $build"
# Brings the build (and CPackConfig.cmake, should CMake need to re-run) up to date first.
if ! cmake --build "$build" >"$build/check-deb-build.log" 2>&1; then
    tail -n 40 "$build/check-deb-build.log"
    echo "check-deb: the build in $build failed (log: $build/check-deb-build.log)" >&2
    exit 1
fi
(cd "$build" && cpack -G DEB -B "$out" 2>&1) | sed 's/^/  /'
deb=("$out"/hookline_*.deb)
[ -f "${deb[0]}" ] || { echo "check-deb: cpack made no hookline_*.deb in $out" >&2; exit 1; }
echo "check-deb: made ${deb[0]##*/}"
dpkg-deb --field "${deb[0]}" Depends | sed 's/^/  Depends: /'

was_installed=no
dpkg-query -W -f='${Status}' hookline 2>/dev/null | grep -q "install ok installed" && was_installed=yes
remove_package() {
    echo "check-deb: apt-get remove -y hookline"
    apt-get remove -y -qq hookline >/dev/null
}
trap remove_package EXIT
[ "$was_installed" = yes ] && echo "check-deb: note: a hookline package was already installed; it is replaced, then removed"

echo "check-deb: apt-get install -y ./${deb[0]##*/}"
install_deb() {
    (cd "$out" && apt-get install -y -qq --no-install-recommends "./${deb[0]##*/}" 2>&1) |
        sed -e '/^(Reading database/d' -e '/^debconf: delaying/d' -e 's/^/  /'
}
if ! install_deb; then
    # The dependencies may be missing from a stale package list.
    apt-get update -qq
    install_deb
fi

tmp="$(mktemp -d)"
trap 'remove_package; rm -rf "$tmp"' EXIT
# The installed programs run against a throw-away database, key and settings.
export HOOKLINE_KEYCHAIN=off HOOKLINE_DB="$tmp/hookline.sqlite"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"

cli_version="$(/usr/bin/hookline-cli --version 2>&1)" || true
echo "  \$ /usr/bin/hookline-cli --version"
echo "  $cli_version"
check "installed hookline-cli --version prints $version" grep -q -- "$version" <<<"$cli_version"

gui_version="$(QT_QPA_PLATFORM=offscreen /usr/bin/hookline --version 2>&1)" || true
echo "  \$ QT_QPA_PLATFORM=offscreen /usr/bin/hookline --version"
echo "  $gui_version"
check "installed hookline --version prints $version" grep -q -- "$version" <<<"$gui_version"

# The SQLite driver is a plugin loaded at run time: opening a database proves the package
# pulled it in.
echo "  \$ /usr/bin/hookline-cli info"
check "installed hookline-cli opens a database (Qt's SQLite driver is there)" \
    bash -c '/usr/bin/hookline-cli info 2>&1 | sed "s/^/  /"; exit "${PIPESTATUS[0]}"'

# The GUI starts, finds its platform plugin and keeps running until it is stopped.
echo "  \$ QT_QPA_PLATFORM=offscreen timeout 5 /usr/bin/hookline"
gui_started() {
    local rc=0
    QT_QPA_PLATFORM=offscreen timeout 5 /usr/bin/hookline >"$tmp/gui.log" 2>&1 || rc=$?
    sed 's/^/  /' "$tmp/gui.log"
    [ "$rc" -eq 124 ]   # still running when timeout stopped it
}
check "installed hookline starts and stays up (offscreen)" gui_started

check "launcher, metadata and icons are installed" test -f /usr/share/applications/org.hookline.Hookline.desktop \
    -a -f /usr/share/metainfo/org.hookline.Hookline.metainfo.xml \
    -a -f /usr/share/icons/hicolor/scalable/apps/org.hookline.Hookline.svg \
    -a -f /usr/share/icons/hicolor/48x48/apps/org.hookline.Hookline.png

remove_package
rm -rf "$tmp"
trap - EXIT
check "apt-get remove took the executables away" test ! -e /usr/bin/hookline -a ! -e /usr/bin/hookline-cli
rm -rf "$out"

echo "check-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
