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
	$(VENV)/bin/mypy --platform win32 --cache-dir .mypy_cache/win32  # the Windows branches type-check too
	$(VENV)/bin/lint-imports

# One test worker more than the machine has cores: a UI test spends part of its time waiting for the
# screen to settle, and the extra worker runs meanwhile. A worker that has run out of tests takes some
# from another's share (worksteal), so that no worker is left with a queue of long tests at the end.
WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")

# The package compiled first: the tests start the command line a hundred times, each start compiling
# every module it imports again when Python may not write its caches (PYTHONDONTWRITEBYTECODE).
unit: $(STAMP)
	$(PY) -m compileall -q tracker > /dev/null
	$(PY) -m pytest -q -n $(WORKERS) --dist worksteal

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
