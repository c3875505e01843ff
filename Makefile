# Two commands for a fresh machine (see README):
#   make portal   set everything up, check and build the embedded sample portal into site/
#   make test     set everything up (plus a headless browser) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TODAY ?= 2026-11-21

.PHONY: setup portal test browser bench serve

$(BIN)/ashyq: pyproject.toml
	bash .ci/install-icu.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/ashyq

setup: $(BIN)/ashyq

portal: setup
	$(BIN)/ashyq check . --today $(TODAY)
	$(BIN)/ashyq build . --out site --today $(TODAY)

browser:
	bash .ci/install-browser.sh

test: setup browser
	$(BIN)/python -m pytest -n 2 -q

bench: setup
	$(BIN)/python benchmarks/check_bench.py
	$(BIN)/python benchmarks/build_bench.py

serve: setup
	$(BIN)/ashyq serve . --today $(TODAY)
