# 网格通 — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell command -v python3.11 || command -v python3)
DEMO_DB ?= var/demo.db
PORT ?= 8080

.PHONY: install demo test lint format bench eval model clean-demo help

help:
	@echo "make demo   - run the bot with the web chat on http://127.0.0.1:$(PORT) (SQLite in $(DEMO_DB))"
	@echo "make test   - run the test suite (PostgreSQL and browser tests skip unless configured)"
	@echo "make bench  - measure throughput and latency against a bare aiohttp floor"
	@echo "make eval   - the analyzer's accuracy on labelled messages (DEV=path/to/messages.jsonl to choose), and meeting answers and times"
	@echo "make model  - retrain the analyzer's model on tests/data/messages-train.jsonl"
	@echo "make lint   - ruff check and format check, and the architecture's import contracts (lint-imports)"
	@echo "make clean-demo - forget the demo's tickets and messages"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "网格通 needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	@echo "==> creating $(VENV) with $(PYTHON) and installing the project with its dev extra"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# PYTHONWARNINGS: setuptools' editable-install deprecation box is about its own internals, not this project
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

demo: install
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/python bot.py run --port $(PORT) --roster examples/roster-demo.yaml --database-url sqlite:///$(DEMO_DB)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m bench

eval: install
	$(BIN)/python -m bot.nlp.evaluate $(DEV)
	$(if $(DEV),,$(BIN)/python -m bot.nlp.evaluate_meetings)

model: install
	$(BIN)/python -m bot.nlp.train

clean-demo:
	@# Deleting the file under a running demo would lose what residents say next: refuse, and say how to stop it.
	@# ([b]ot.py: so that pgrep does not find this very shell, whose command line holds the pattern.)
	@if pgrep -f "[b]ot.py run .*$(DEMO_DB)" >/dev/null 2>&1; then \
		echo "the demo is running on $(DEMO_DB): stop it first (Ctrl+C in its terminal), then make clean-demo"; exit 1; fi
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
