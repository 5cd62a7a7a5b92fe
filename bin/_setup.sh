# Shared by bin/demo and bin/test: a virtual environment with pinned packages, the system
# tools the portal needs, and compiled message catalogues. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${PORTAL_VENV:-$ROOT/.venv}"

find_python() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 is required (python3.11 not found)." >&2
    return 1
}

apt_install() {
    # Debian packages the portal needs: gettext (msgfmt) and, for the tests, chromium, nodejs,
    # npm and a Java runtime (the Nu HTML Checker).
    local missing=()
    for pair in "$@"; do
        local command_name="${pair%%:*}" package="${pair##*:}"
        command -v "$command_name" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        echo "Missing system packages: ${missing[*]} (install them with apt-get)." >&2
        return 1
    fi
    local run=""
    [ "$(id -u)" -ne 0 ] && run="sudo"
    echo "Installing system packages: ${missing[*]}"
    $run apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup_venv() {
    local requirements="$1"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating the virtual environment in $VENV"
        "$(find_python)" -m venv "$VENV"
    fi
    local stamp="$VENV/.installed-$(basename "$requirements")"
    if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
        echo "Installing $requirements"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
        touch "$stamp"
    fi
    export PATH="$VENV/bin:$PATH"
}

setup_node_packages() {
    # The test suite's Node packages (axe-core for the accessibility tests, vnu-jar for the HTML
    # validity tests, which ships its jar), exactly as locked. Install scripts are not run (the
    # vnu-jar one would fetch a Java runtime): the tests use Debian's. Nothing here downloads a
    # browser: the browser tests drive the system Chromium.
    apt_install node:nodejs npm:npm
    if [ ! -d node_modules/axe-core ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] ||
        [ package-lock.json -nt node_modules/axe-core ]; then
        echo "Installing the Node packages in package-lock.json"
        npm ci --no-audit --no-fund --ignore-scripts
        touch node_modules/axe-core
    fi
}

compile_messages() {
    # Only when a catalogue is newer than its compiled file (or has none): two test runs started
    # side by side (.ci/run) must not rewrite the files the other is reading.
    local po stale=""
    for po in locale/*/LC_MESSAGES/django.po; do
        [ -f "${po%.po}.mo" ] && [ ! "$po" -nt "${po%.po}.mo" ] || stale=1
    done
    [ -z "$stale" ] && return 0
    python manage.py compilemessages --ignore=.venv --ignore='*/site-packages/*' -v 0
}

setup_tests() {
    # Everything the test suite needs, installed once (bin/test; .ci/run before its two runs).
    # Java runs the Nu HTML Checker (vnu-jar, from package-lock.json) in tests/validity.
    # Varnish runs the edge tier's live test (tests/edge)
    apt_install msgfmt:gettext chromium:chromium java:default-jre-headless varnishd:varnish
    setup_venv requirements-dev.txt
    setup_node_packages
    compile_messages
}
