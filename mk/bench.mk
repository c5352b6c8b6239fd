# Benchmarks against the peers (raw httpx, the official SDK, Prism, a bare Starlette route).
# `make bench` is not part of `make test`; tests/bench/test_bench_smoke.py runs `--quick` in CI.

.PHONY: bench bench-tools

## bench-tools: wrk (Debian package), installed when missing
bench-tools:
	sh bench/ensure_wrk.sh

## bench: measure everything, print the table and write BENCHMARKS.md (about 3 minutes)
bench: install bench-tools
	$(PY) -m bench.run --output BENCHMARKS.md
