# Shared by scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not run. Honors HOOKLINE_BUILD_DIR (default: build) and HOOKLINE_BUILD_TYPE
# (default: RelWithDebInfo).
set -euo pipefail

HOOKLINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOOKLINE_BUILD_DIR="${HOOKLINE_BUILD_DIR:-$HOOKLINE_ROOT/build}"
HOOKLINE_BUILD_TYPE="${HOOKLINE_BUILD_TYPE:-RelWithDebInfo}"

# Debian 12 / Ubuntu packages the build, the tests and the GUI need. ruby and ruby-rack run the
# seed provider's own two verification lines against our signatures (tests/core/tst_signing);
# nodejs and npm run the official Standard Webhooks library against them (tests/interop).
# appstream and desktop-file-utils validate the metadata the installers ship (tests/packaging).
# python3, nodejs, ruby, php-cli and golang-go run the receiver's verification snippets in their
# own languages (tests/snippets). qt6-tools-dev and qt6-l10n-tools bring Qt Linguist's lupdate and
# lrelease (translations/). liburing-dev (linked statically) lets the HTTP server send a turn's
# responses in one io_uring submission (core/http/HttpTransport.cpp).
HOOKLINE_PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins
    qtkeychain-qt6-dev libssl-dev libsqlite3-dev libgl-dev liburing-dev
    qt6-tools-dev qt6-l10n-tools
    xvfb xauth
    ruby ruby-rack nodejs
    appstream desktop-file-utils
    python3 php-cli golang-go
)

hookline_install_packages() {
    local missing=()
    for p in "${HOOKLINE_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    # nodejs from other repositories bundles npm; Debian's ships it separately.
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

hookline_build() {
    cmake -S "$HOOKLINE_ROOT" -B "$HOOKLINE_BUILD_DIR" -G Ninja \
        -DCMAKE_BUILD_TYPE="$HOOKLINE_BUILD_TYPE" "$@"
    cmake --build "$HOOKLINE_BUILD_DIR" -j"$(nproc)"
}
