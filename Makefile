# The two set-up commands are `make generate` and `make test`; each bootstraps .venv on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
SPEC := spec/thingspace-m2m.yaml
GENERATE = $(PY) -m generator generate $(SPEC) --strict
MOCK_PORT ?= 4010

.PHONY: generate check lint test test-fast mock languages clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "Python 3.10 or newer is needed" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	@touch $@

## generate: regenerate every client in generated/ from spec/
generate: $(STAMP)
	$(GENERATE) --lang python --out generated/python

## check: fail when generated/ differs from what spec/ produces
check: $(STAMP)
	$(GENERATE) --lang python --out generated/python --check

## lint: ruff and mypy --strict over the generator, the Python pack and the generated package
lint: $(STAMP)
	$(VENV)/bin/ruff check generator templates/python tests
	$(VENV)/bin/ruff format --check generator templates/python tests
	cd generated/python && ../../$(VENV)/bin/ruff check --no-cache . && ../../$(VENV)/bin/ruff format --no-cache --check .
	$(VENV)/bin/mypy generator templates/python/pack.py
	cd generated/python && ../../$(VENV)/bin/mypy --cache-dir ../../.mypy_cache thingspace_m2m

## test: everything — drift check, lint, and all test suites
test: check lint test-fast

test-fast: $(STAMP)
	$(PY) -m pytest

## mock: serve the spec's examples on 127.0.0.1:$(MOCK_PORT)
mock: $(STAMP)
	$(PY) -m generator mock $(SPEC) --port $(MOCK_PORT)

languages: $(STAMP)
	$(PY) -m generator languages

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
