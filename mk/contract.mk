# The contract's own gate: openapi.yaml against Huawei's SDK and our table of the API reference.
.PHONY: conformance

## conformance: compare openapi.yaml with huaweicloudsdkdli and tests/data/api-reference.tsv (allowlist: tests/data/contract-allowlist.tsv)
conformance: install
	mkdir -p reports
	$(BIN)/pytest tests/contract/conformance --junitxml=reports/conformance.xml

TEST_EXTRA += conformance
# Its tests run in `conformance`, with their own report.
UNIT_ARGS += --ignore=tests/contract/conformance
