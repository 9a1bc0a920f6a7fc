# Two commands matter: `make run` opens the app, `make test` runs every check.
# `make run ARGS="--db PATH"` passes ARGS on to the app (another database, --plan, --help).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint unit snapshots-update default-plan bench clean

run: $(STAMP)
	$(PY) -m tracker $(ARGS)

test: $(STAMP) lint unit

lint: $(STAMP)
	$(VENV)/bin/ruff check tracker tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# One test worker more than the machine has cores: a UI test spends part of its time waiting for the
# screen to settle, and the extra worker runs meanwhile (2 cores: 3 workers took 4 min 17 s, 2 took 4 min 55 s).
WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")

unit: $(STAMP)
	$(PY) -m pytest -q -n $(WORKERS)

snapshots-update: $(STAMP)
	$(PY) -m pytest -q tests/ui --snapshot-update

default-plan: $(STAMP)
	$(PY) -m tracker.importer.defaults --rebuild

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
