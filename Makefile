# Every target sets up what it needs: a fresh clone runs `make serve` or `make test` and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-fast site test test-fast check bench lighthouse clean

# (Re)install when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@scripts/ensure-fonts
	@touch $(STAMP)

# Served at the root of the local address; the published site_url has a /bridges/ path. Every
# language, rendered in parallel, only what an edit changes re-rendered; search re-indexed in the
# background. (`mkdocs serve` still works, through the same hooks, one language after the other.)
serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/bridges serve --dev-addr 127.0.0.1:8000

# Fast feedback while writing: English only, only changed pages re-rendered, no search index.
serve-fast: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ BRIDGES_ALL_LANGUAGES=false BRIDGES_SKIP_SEARCH=1 \
		$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty --no-strict

# Every language in its own process, pages from the render cache in .cache/ when nothing that
# shapes them changed. The same as `mkdocs build --strict` (tests/test_pipeline.py), faster.
site: $(STAMP)
	$(BIN)/bridges build --site-dir site

check: $(STAMP)
	$(BIN)/bridges check

# Tests keep their compiled modules (pytest's rewritten asserts included) in __pycache__, even where
# PYTHONDONTWRITEBYTECODE is set: collecting then takes 1.4 s of CPU instead of 5 on every run after the first.
TEST_ENV := PYTHONDONTWRITEBYTECODE=

# The unit tests alone, under 30 s: no build, no browser, no PDF render, no Python program started
# as a process (tests/conftest.py sorts the tests into layers; README: Tests).
test-fast: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -m "not site and not browser" -q

# Every layer: unit tests, site tests (the fixture site's shared build, made once; the live site's strict build),
# browser tests (on the fixture site).
# The browser tests need Chromium: found on the system, or installed (see scripts/ensure-browser).
test: $(STAMP)
	$(BIN)/python scripts/ensure-browser > $(VENV)/.chromium
	$(TEST_ENV) BRIDGES_CHROMIUM="$$(cat $(VENV)/.chromium)" $(BIN)/python -m pytest

# Synthetic sites of 300 and 3,000 items, built with bridges and with the plain stack (about 15 min);
# figures in bench/results/latest.json. Options: make bench BENCH_ARGS="--quick --lighthouse --profile"
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Lighthouse (mobile) scores of the home page, an item, the library after a search and the campaign
# of the built site; installs Lighthouse from npm into .cache/lighthouse on first use. A report, not a test.
lighthouse: site
	$(BIN)/python scripts/lighthouse site

clean:
	rm -rf site $(VENV)
