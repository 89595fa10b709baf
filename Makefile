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
	$(GENERATE) --lang ruby --out generated/ruby

## check: fail when generated/ differs from what spec/ produces
check: $(STAMP)
	$(GENERATE) --lang python --out generated/python --check
	$(GENERATE) --lang ruby --out generated/ruby --check

## lint: ruff and mypy --strict over the generator, the packs and the generated package; ruby -w over the Ruby
lint: $(STAMP)
	$(VENV)/bin/ruff check generator templates/python templates/ruby tests
	$(VENV)/bin/ruff format --check generator templates/python templates/ruby tests
	cd generated/python && ../../$(VENV)/bin/ruff check --no-cache . && ../../$(VENV)/bin/ruff format --no-cache --check .
	$(VENV)/bin/mypy generator templates/python/pack
	$(VENV)/bin/mypy templates/ruby/pack.py
	@if command -v ruby >/dev/null; then \
	  files=$$(find generated/ruby templates/ruby/static tests/ruby -name '*.rb' -o -name '*.gemspec' | sort); \
	  out=$$(ruby -w -e 'ARGV.each { |f| RubyVM::InstructionSequence.compile_file(f) }' $$files 2>&1); status=$$?; \
	  if [ $$status != 0 ] || [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi; \
	  echo "ruby -w: $$(echo $$files | wc -w) files parse without warnings"; \
	elif [ "$${REQUIRE_RUBY:-}" = 1 ]; then echo "REQUIRE_RUBY=1 but no ruby on PATH" >&2; exit 1; \
	else echo "ruby not found: Ruby lint skipped" >&2; fi
	cd generated/python && ../../$(VENV)/bin/mypy --cache-dir ../../.mypy_cache thingspace_m2m

## test: everything — drift check, lint, and all test suites (the large corpus specs too)
test: check lint test-fast corpus

test-fast: $(STAMP)
	$(PY) -m pytest

## corpus: GitHub, Stripe and Twilio (../shared/corpus) generate every operation, import, pass mypy --strict
.PHONY: corpus
corpus: $(STAMP)
	SDK_CORPUS=all $(PY) -m pytest tests/corpus -q

## mock: serve the spec's examples on 127.0.0.1:$(MOCK_PORT)
mock: $(STAMP)
	$(PY) -m generator mock $(SPEC) --port $(MOCK_PORT)

## api-diff: API changes from the committed spec ($(API_DIFF_BASE)) to the working one; exit 3 if any breaks
API_DIFF_BASE ?= HEAD
.PHONY: api-diff
api-diff: $(STAMP)
	@old=$$(mktemp -d) && trap 'rm -rf "$$old"' EXIT && \
	git archive $(API_DIFF_BASE) -- $(dir $(SPEC)) | tar -x -C "$$old" && \
	$(PY) -m generator diff "$$old/$(SPEC)" $(SPEC)

## bench: generation, client, model and import benchmarks against peers -> bench/results/latest.md
## (bootstraps bench/.venv with the peers from bench/requirements.txt; BENCH_QUICK=1 for fewer repeats)
BENCH_VENV := bench/.venv
BENCH_STAMP := $(BENCH_VENV)/.requirements-installed
.PHONY: bench
$(BENCH_STAMP): bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	@touch $@
bench: $(STAMP) $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/run.py

languages: $(STAMP)
	$(PY) -m generator languages

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
