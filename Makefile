# Set-up is part of every target: `make site` and `make test` on a fresh clone
# create .venv/ and install what they need; nothing is installed by hand.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
STAMP := $(VENV)/.installed-stamp
# Every Python package of .venv/ at an exact version, with the hashes of its files: a new
# release of anything reaches .venv/ only through a reviewed change of this file (`make lock`)
LOCK := requirements-lock.txt
# uv writes the lock, for every Python the package supports and every platform; only
# `make lock` needs it, from a throw-away venv
UV_VERSION := 0.13.8
LOCK_OPTIONS := --universal --python-version 3.10 --extra test --generate-hashes --no-config \
	--no-python-downloads --custom-compile-command 'make lock'
# Mermaid comes from the npm registry, pinned by package-lock.json; never committed
NODE_STAMP := node_modules/.installed-stamp

.PHONY: site serve test test-latest lock lock-upgrade lint bench bench-serve bench-metrics wheel screenshots clean

# .venv/ is made anew from the lock, so it holds the lock's packages and nothing else. The
# build tools go first (pip, setuptools, wheel: the venv's own are whatever Python came
# with), so that jieba, which has no wheel, is built with the locked setuptools.
$(STAMP): $(LOCK) pyproject.toml setup.py
	$(PYTHON) -m venv --clear $(VENV)
	awk '/^[a-z]/ { tool = /^(pip|setuptools|wheel)==/ } tool' $(LOCK) > $(VENV)/build-tools.txt
	$(PIP) install --require-hashes --no-deps -r $(VENV)/build-tools.txt
	$(PIP) install --require-hashes --no-build-isolation -r $(LOCK)
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

site: $(STAMP) $(NODE_STAMP)  ## strict build of the site into site/
	$(BIN)/mkdocs build --strict --site-dir site

# --dirty: a rebuild renders again only the pages a change touched; the plugin makes that
# right for the navigation, the search index and deleted pages (mkdocs/incremental.py)
serve: $(STAMP) $(NODE_STAMP)  ## live preview on http://127.0.0.1:8000, reloading when maps/ changes
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

test: $(STAMP) $(NODE_STAMP)  ## lint, unit and integration tests, coverage of plugin/
	$(BIN)/ruff check plugin tests bench
	$(BIN)/pytest --cov --cov-report=term-missing

# The same tests against the newest release of every dependency that pyproject.toml allows,
# in a venv removed afterwards; .venv/ and the lock stay as they are. Green: `make
# lock-upgrade` and a pull request with the new lock. Red: a fix comes first.
test-latest: $(NODE_STAMP)  ## lint and tests against the newest releases, nothing locked
	@set -e; latest=$$(mktemp -d); trap 'rm -rf "$$latest"' EXIT; \
	$(PYTHON) -m venv "$$latest"; \
	"$$latest/bin/python" -m pip install --quiet --upgrade pip; \
	"$$latest/bin/python" -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'; \
	"$$latest/bin/python" -m pip list --exclude-editable; \
	"$$latest/bin/ruff" check plugin tests bench; \
	"$$latest/bin/pytest" --cov --cov-report=term-missing

# `make lock` keeps the versions the lock has wherever pyproject.toml still allows them (a
# dependency added or removed changes only what it must); `make lock-upgrade` takes the
# newest of everything, `make lock UPGRADE='--upgrade-package pyyaml'` of one package.
lock:  ## requirements-lock.txt from pyproject.toml, with uv in a throw-away venv
	@set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(PYTHON) -m venv "$$tools"; \
	"$$tools/bin/python" -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); \
	mkdir -p $(dir $(LOCK)); \
	"$$tools/bin/uv" pip compile $(LOCK_OPTIONS) $(UPGRADE) --python "$$tools/bin/python" \
		pyproject.toml -o $(LOCK) >/dev/null

lock-upgrade: UPGRADE := --upgrade
lock-upgrade: lock  ## the lock at the newest releases pyproject.toml allows

# `make bench SIZES=100,1000 RUNS=1` for a quicker look (a comma inside $(or ...) would
# split its arguments: hence plain defaults)
SIZES ?= 100,1000,5000
RUNS ?= 3
bench: $(STAMP)  ## whole-build benchmark at 100, 1,000 and 5,000 maps; writes BENCHMARKS.md
	cd bench && ../$(BIN)/python run.py --sizes $(SIZES) --runs $(RUNS) --output ../BENCHMARKS.md

# `make bench-serve`: only the edit-to-preview latency of a real `mkdocs serve --dirty`
# and the `journeymaps check` times, at 100 and 1,000 maps; rewrites only its own block
SERVE_SIZES ?= 100,1000
bench-serve: $(STAMP) $(NODE_STAMP)  ## edit-to-preview latency (make serve) and check times
	cd bench && ../$(BIN)/python run.py --only serve --sizes $(SERVE_SIZES) --output ../BENCHMARKS.md

# `make bench-metrics`: what issue 18's measured series cost: loading 100,000 CSV rows, and
# a whole `mkdocs build` of 1,000 maps with and without them (alternating, CPU and wall)
METRICS_MAPS ?= 1000
METRICS_RUNS ?= 3
bench-metrics: $(STAMP)  ## the measured series' cost: CSV load and build with / without
	cd bench && ../$(BIN)/python metrics_load.py $(METRICS_MAPS) 5 \
		&& ../$(BIN)/python metrics_build.py $(METRICS_MAPS) $(METRICS_RUNS)

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
	@# lossless, and only where the tool is installed (apt-get install optipng)
	if command -v optipng >/dev/null; then optipng -quiet -o2 -strip all \
	  docs-images/map-page.png docs-images/persona-page.png; fi

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .coverage test-artifacts build dist
