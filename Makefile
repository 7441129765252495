# Partner Tracker. `make run` to use it, `make test` to prove it. Both install what is missing.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
NEO4J_LIB := neo4j-server/lib
VENDOR := tracker/static/vendor
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
PORT ?= 5000

.PHONY: install run test lint bench screenshots clean-db help

help:
	@echo "make run      install what is missing, start Neo4j, load the register and demo, serve on :5000"
	@echo "make test     install what is missing, run the whole suite on a throwaway Neo4j"
	@echo "make install  virtual environment, the package, Neo4j's jars, front-end libraries"
	@echo "make lint     ruff and mypy"

install: $(BIN)/.installed $(NEO4J_LIB)/.fetched $(VENDOR)/.copied

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

$(NEO4J_LIB)/.fetched: neo4j-server/pom.xml
	@command -v java >/dev/null || { echo "Java 17 is missing: apt-get install openjdk-17-jre-headless"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is missing: apt-get install maven"; exit 1; }
	@echo "Fetching Neo4j 5.26 from Maven Central…"
	@rm -rf $(NEO4J_LIB)
	mvn -q -B -f neo4j-server/pom.xml dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime \
	  || { echo "Could not fetch Neo4j from Maven Central: check the network or proxy settings for mvn, then run make install again."; exit 1; }
	@touch $@

$(VENDOR)/.copied: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(VENDOR)
	cp node_modules/chart.js/dist/chart.umd.js $(VENDOR)/chart.umd.js
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/cytoscape.min.js
	@touch $@

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests…"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

run: install
	$(BIN)/tracker db start
	$(BIN)/tracker setup
	$(BIN)/tracker serve --host 127.0.0.1 --port $(PORT)

test: install $(CHROMIUM)
	$(BIN)/ruff check tracker tests bench tools
	$(BIN)/mypy
	@data=$$(mktemp -d -t tracker-test-XXXXXX); \
	TRACKER_TEST_DATA_DIR=$$data CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	TRACKER_DATA_DIR=$$data/neo4j-server $(BIN)/tracker db stop >/dev/null 2>&1; rm -rf $$data; \
	if [ $$rc -eq 5 ]; then echo "No tests ran."; fi; exit $$rc

lint: install
	$(BIN)/ruff check tracker tests bench tools
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/run.py

screenshots: install $(CHROMIUM)
	@data=$$(mktemp -d -t tracker-shots-XXXXXX); \
	TRACKER_TEST_DATA_DIR=$$data CHROMIUM=$(CHROMIUM) TRACKER_SCREENSHOTS=docs $(BIN)/python -m pytest -m browser tests/browser/test_screenshots.py; rc=$$?; \
	TRACKER_DATA_DIR=$$data/neo4j-server $(BIN)/tracker db stop >/dev/null 2>&1; rm -rf $$data; exit $$rc
