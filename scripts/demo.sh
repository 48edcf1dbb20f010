#!/bin/sh
# The README's first command: install everything, then run kkr on samples/ into out/samples.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install.sh
"${VENV:-.venv}/bin/kkr" run samples/ --out out/samples
