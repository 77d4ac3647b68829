# Every target makes (or reuses) the virtualenv it needs: a fresh machine needs only python3.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck unit bench emulator docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNTIME)

## demo: run a short program through the public API against the built-in emulator
demo: $(RUNTIME)
	$(BIN)/python examples/demo.py

## test: lint, format check, mypy --strict, and every test
test: lint typecheck unit

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	$(BIN)/mypy --strict src
	$(BIN)/mypy --strict tests/typing
	$(BIN)/pyright

unit: $(DEV)
	$(BIN)/pytest

## bench: speed and memory against bare aiohttp, printed as ratios
bench: $(DEV)
	$(BIN)/python -m bench

## docs: build the documentation site into site/ (strict: a broken reference fails)
docs: $(DEV)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

## emulator: serve the emulator on 127.0.0.1:8890 until interrupted
emulator: $(RUNTIME)
	$(BIN)/python -m async_spotify.emulator --port 8890

clean:
	rm -rf $(VENV) site .mypy_cache .ruff_cache .pytest_cache .hypothesis
