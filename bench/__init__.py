"""Benchmarks against the peers: `make bench` runs bench/run.py."""
