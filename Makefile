# One verb per job. Every target depends on `install`, so each works from a fresh clone.
# Anything longer than a line or two lives in scripts/.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
NPX := npx --no-install
STAMP_PY := $(VENV)/.installed
STAMP_NODE := node_modules/.installed

HOST ?= 127.0.0.1
PORT ?= 8900
DATA_DIR ?= data
# Hand-written code `make lint` holds to 450 lines a module (scripts/module_size.py).
SIZE_CHECKED := src/dli_emulator src/dli_signing tests/emulator bench src/dli_toolkit tests/toolkit tests/support tests/terminal

.PHONY: install lint generate check-generated test test-steps unit clean

# Each part's own verbs (emulator, demo, fuzz, clients, docs, breaking, bench) live in mk/*.mk;
# a part adds the checks `make test` must run to TEST_EXTRA.
TEST_EXTRA :=
# pytest options of `unit`; a part whose tests run in a verb of their own ignores them here.
UNIT_ARGS :=
include $(sort $(wildcard mk/*.mk))

install: $(STAMP_PY) $(STAMP_NODE)

$(STAMP_PY): requirements/dev.txt requirements/constraints.txt pyproject.toml
	$(PYTHON) scripts/check_python.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt -c requirements/constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(STAMP_NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## lint: the spec (openapi-spec-validator, Redocly: zero problems) and the code (ruff, mypy, import contracts in .importlinter, module sizes)
lint: install
	$(BIN)/openapi-spec-validator openapi.yaml
	$(NPX) redocly lint openapi.yaml --format=stylish
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/mypy --explicit-package-bases scripts tests
	$(BIN)/lint-imports
	$(PY) scripts/module_size.py $(SIZE_CHECKED)

## generate: rewrite generated/ from openapi.yaml with the pinned openapi-python-client
generate: install
	$(PY) scripts/codegen.py generate

## check-generated: fail when generated/ differs from what openapi.yaml regenerates
check-generated: install
	$(PY) scripts/codegen.py check

## test: everything CI runs; the last line adds up every runner's JUnit report in reports/
# Stale reports go first, so only this run is counted. The steps run with -k (each runner writes
# its report even after another failed) and the total is printed whatever they did; the exit
# status is theirs, or the summary's when it finds a failure or a runner that ran nothing.
test: install
	@rm -rf reports && mkdir -p reports
	@$(MAKE) --no-print-directory -k test-steps; status=$$?; \
	$(PY) scripts/test_summary.py reports --make-status $$status

test-steps: lint check-generated unit $(TEST_EXTRA)

## unit: the pytest suite, less what a part runs in a verb of its own (UNIT_ARGS)
unit: install
	mkdir -p reports
	$(BIN)/pytest --junitxml=reports/unit.xml $(UNIT_ARGS)

clean:
	rm -rf $(VENV) node_modules reports build .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
