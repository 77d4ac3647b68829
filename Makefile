# Every target makes (or reuses) the virtualenv it needs: a fresh machine needs only python3.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
# Every version the dev environment installs (tools included), pinned: a new release of pytest,
# schemathesis or mypy cannot break CI overnight. pyproject.toml keeps ranges; `make lock`
# re-pins from it (run it after changing any dependency or extra there).
CONSTRAINTS := constraints.txt
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c $(CONSTRAINTS)

.PHONY: demo test lint typecheck unit soak stress-tests bench bench-instructions emulator docs generate lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip

$(RUNTIME): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(DEV): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev]'
	touch $@ $(RUNTIME)

## demo: run a short program through the public API against the built-in emulator
demo: $(RUNTIME)
	$(BIN)/python examples/demo.py

## test: lint, format check, mypy (--strict on src; the tests too), every test with branch coverage
test: lint typecheck unit

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	$(BIN)/mypy --strict src
	$(BIN)/mypy --explicit-package-bases tests
	$(BIN)/mypy --strict tests/typing
	$(BIN)/pyright

unit: $(DEV)
	$(BIN)/pytest --cov --cov-report=term

## soak: the 10,000-operation soak through 10% faults (make test runs the 1,000-operation one)
soak: $(DEV)
	SOAK_OPERATIONS=10000 $(BIN)/pytest tests/resilience/test_soak.py -q -s --timeout=1800

## stress-tests: the resilience tests 20 times with both cores kept busy by two spinning processes
stress-tests: $(DEV)
	$(BIN)/python scripts/stress_tests.py --runs 20 --spinners 2

## bench: speed and memory against bare aiohttp, printed as ratios
bench: $(DEV)
	$(BIN)/python -m bench

## bench-instructions: instructions per request under valgrind, bare aiohttp against the client
## (a figure the machine's load does not move; needs valgrind)
bench-instructions: $(DEV)
	$(BIN)/python -m bench.instructions

## docs: build the documentation site into site/ (strict: a broken reference fails)
docs: $(DEV)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

## generate: rewrite the generated modules (TypedDicts, operation specs, the emulator's table)
generate: $(DEV)
	$(BIN)/python scripts/generate_types.py
	$(BIN)/python scripts/generate_operation_specs.py
	$(BIN)/python scripts/generate_emulator_operations.py

## lock: re-pin constraints.txt from pyproject.toml (every extra, newest releases); the project
## itself, reached through its own extras, is dropped: it is installed from the checkout
lock: | $(BIN)/python
	$(PIP_INSTALL) pip-tools
	CUSTOM_COMPILE_COMMAND='make lock' $(BIN)/pip-compile --quiet --upgrade --all-extras \
		--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--annotation-style=line --output-file $(CONSTRAINTS) pyproject.toml
	sed -i '/^async-spotify @ /d; /considered to be unsafe/d' $(CONSTRAINTS)

## emulator: serve the emulator on 127.0.0.1:8890 until interrupted
emulator: $(RUNTIME)
	$(BIN)/python -m async_spotify.emulator --port 8890

clean:
	rm -rf $(VENV) site .mypy_cache .ruff_cache .pytest_cache .hypothesis
