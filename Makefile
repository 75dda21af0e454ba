# Set-up is part of every target: `make site` and `make test` on a fresh clone
# create .venv/ and install what they need; nothing is installed by hand.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Mermaid comes from the npm registry, pinned by package-lock.json; never committed
NODE_STAMP := node_modules/.installed-stamp

.PHONY: site serve test lint bench wheel screenshots clean

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

site: $(STAMP) $(NODE_STAMP)  ## strict build of the site into site/
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP) $(NODE_STAMP)  ## live preview on http://127.0.0.1:8000, reloading when maps/ changes
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) $(NODE_STAMP)  ## lint, unit and integration tests, coverage of plugin/
	$(BIN)/ruff check plugin tests bench
	$(BIN)/pytest --cov --cov-report=term-missing

# `make bench SIZES=100,1000 RUNS=1` for a quicker look (a comma inside $(or ...) would
# split its arguments: hence plain defaults)
SIZES ?= 100,1000,5000
RUNS ?= 3
bench: $(STAMP)  ## whole-build benchmark at 100, 1,000 and 5,000 maps; writes BENCHMARKS.md
	cd bench && ../$(BIN)/python run.py --sizes $(SIZES) --runs $(RUNS) --output ../BENCHMARKS.md

fuzz: $(STAMP)  ## 10,000 random maps through loader, validator, pages and cleaner (CI runs it)
	$(BIN)/pytest tests/test_fuzz.py -q -p no:cacheprovider --hypothesis-profile=fuzz \
		--hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff check plugin tests bench

wheel: $(STAMP) $(NODE_STAMP)  ## the Python package into dist/, with Mermaid inside (setup.py)
	JOURNEYMAPS_REQUIRE_MERMAID=1 $(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

screenshots: $(STAMP) $(NODE_STAMP)  ## browser tests, then the README's screenshots from their artefacts
	$(BIN)/pytest tests/browser
	cp test-artifacts/map-page.png test-artifacts/persona-page.png docs-images/

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .coverage test-artifacts build dist
