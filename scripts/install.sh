#!/bin/sh
# Installs everything kkr needs; safe to run repeatedly.
#  1. Debian packages: tesseract with Danish data, the Danish hunspell dictionary (read through
#     enchant), fonts for the sample builder. With apt-get; elsewhere it says what to install.
#  2. A virtualenv in .venv with kkr and its Python dependencies (redone when pyproject.toml changes).
set -eu
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
PACKAGES="tesseract-ocr tesseract-ocr-dan hunspell-da libenchant-2-2 fonts-dejavu-core"

have_system_packages() {
    command -v tesseract >/dev/null 2>&1 || return 1
    tesseract --list-langs 2>/dev/null | grep -qx dan || return 1
    [ -f /usr/share/hunspell/da_DK.dic ] || return 1
    ldconfig -p 2>/dev/null | grep -q libenchant-2 || return 1
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || return 1
    "$PYTHON" -m venv --help >/dev/null 2>&1 || return 1
}

install_system_packages() {
    if have_system_packages; then
        echo "system packages: already installed"
        return
    fi
    "$PYTHON" -m venv --help >/dev/null 2>&1 || PACKAGES="$PACKAGES python3-venv"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "kkr: this system has no apt-get. Install these with your package manager, then rerun:" >&2
        echo "     tesseract (>= 4.1) with Danish data, hunspell Danish dictionary (da_DK), enchant 2, python3-venv" >&2
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "kkr: need root to install: apt-get install $PACKAGES" >&2
        exit 1
    fi
    echo "system packages: installing $PACKAGES"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
    echo "system packages: done"
}

install_python_env() {
    if [ -f "$VENV/.installed" ] && [ "$VENV/.installed" -nt pyproject.toml ]; then
        echo "python environment: up to date ($VENV)"
        return
    fi
    echo "python environment: installing into $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e '.[dev]'
    touch "$VENV/.installed"
}

install_system_packages
install_python_env
