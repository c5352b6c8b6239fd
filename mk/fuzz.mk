# Fuzzing openapi.yaml with schemathesis (settings: schemathesis.toml; driver: scripts/fuzz.py).
.PHONY: fuzz fuzz-emulator fuzz-inprocess

## fuzz-inprocess: schemathesis in pytest on the emulator app (all phases, stateful), a planted defect, the live mode on a loopback emulator
fuzz-inprocess: install
	mkdir -p reports
	DLI_FUZZ=1 $(BIN)/pytest tests/fuzz/test_fuzz_inprocess.py tests/fuzz/test_fuzz_live.py --junitxml=reports/fuzz-inprocess.xml

## fuzz-emulator: the schemathesis CLI over loopback against a fresh emulator process (all phases)
fuzz-emulator: install
	$(PY) scripts/fuzz.py emulator

## fuzz: fuzz a live endpoint, read-only unless FUZZ_WRITE=1: make fuzz URL=https://dli.cn-north-4.myhuaweicloud.com
fuzz: install
	@test -n "$(URL)" || { echo "usage: make fuzz URL=https://dli.<region>.myhuaweicloud.com (see scripts/fuzz.py)"; exit 2; }
	$(PY) scripts/fuzz.py live --url $(URL)

TEST_EXTRA += fuzz-inprocess fuzz-emulator
