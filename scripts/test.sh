#!/bin/sh
# The README's second command: install everything, then lint and run the whole test suite (pytest).
set -eu
cd "$(dirname "$0")/.."
sh scripts/install.sh
"${VENV:-.venv}/bin/ruff" check extract normalize schemas tests
"${VENV:-.venv}/bin/python" -m pytest "$@"
