# Sharing the contract: clients in other languages, the HTML reference, the breaking-change gate.
.PHONY: clients docs docs-check breaking breaking-ci chromium

## clients: generate the TypeScript and Java clients into build/clients, type-check and compile them,
## and run both (AK/SK-signed) against an emulator on loopback; JUnit XML into reports/
clients: install
	$(PY) scripts/clients.py --out build/clients --run --reports reports

## docs: build the single-page HTML reference into build/docs/index.html (works offline)
docs: install
	$(PY) scripts/docs.py build --output build/docs/index.html

## breaking: fail when openapi.yaml breaks clients of BASE (a git ref; default as breaking-ci)
breaking: install
	$(PY) scripts/breaking.py $(if $(BASE),--base $(BASE),--auto)

## breaking-ci: compare with the merge base with origin/main, else HEAD~1, else skip (one-commit clone)
breaking-ci: install
	$(PY) scripts/breaking.py --auto

## chromium: install Debian's Chromium when missing (the docs test reads the reference with it)
chromium:
	bash scripts/ensure_deb.sh /usr/bin/chromium chromium

## docs-check: read the HTML reference in headless Chromium (Debian's package, installed when missing)
docs-check: install chromium
	mkdir -p reports
	$(BIN)/pytest tests/contract/test_docs.py --junitxml=reports/docs.xml

# The browser test is docs-check's alone: `unit` installs nothing with apt-get.
UNIT_ARGS += --ignore=tests/contract/test_docs.py
TEST_EXTRA += clients breaking-ci docs-check
