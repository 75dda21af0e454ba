# Set-up is part of every target: `make site` and `make test` on a fresh clone
# create .venv/ and install what they need; nothing is installed by hand.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## strict build of the site into site/
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000, reloading when maps/ changes
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)  ## lint, unit and integration tests, coverage of plugin/
	$(BIN)/ruff check plugin tests bench
	$(BIN)/pytest --cov --cov-report=term-missing

bench: $(STAMP)  ## whole-build benchmark at 100, 1,000 and 5,000 maps; writes BENCHMARKS.md
	cd bench && ../$(BIN)/python run.py --sizes $(or $(SIZES),100,1000,5000) --runs $(or $(RUNS),3) --output ../BENCHMARKS.md

fuzz: $(STAMP)  ## 10,000 random maps through loader, validator and renderers; prints how many ran
	$(BIN)/pytest tests/test_fuzz.py -q -p no:cacheprovider --hypothesis-profile=fuzz \
		--hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff check plugin tests bench

clean:
	rm -rf site $(VENV) .pytest_cache .coverage
