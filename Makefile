# The two commands of the README:
#   make demo   installs everything (system packages + a virtualenv) and runs kkr on samples/
#   make test   runs the whole test suite
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: demo test install system-deps

demo: install
	$(BIN)/kkr run samples/ --out out/samples

test: install
	$(BIN)/ruff check extract normalize schemas tests
	$(BIN)/python -m pytest

install: system-deps $(VENV)/.installed

system-deps:
	@sh scripts/install-system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@
