"""Test infrastructure every part's tests share (importable as `tests.support`)."""
