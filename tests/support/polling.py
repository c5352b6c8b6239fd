"""Waiting in tests for something that happens on its own time (a job ending, a file appearing)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def poll_until(
    look: Callable[[], T],
    done: Callable[[T], bool] = bool,
    *,
    timeout: float = 30.0,
    interval: float = 0.05,
    what: str = "the condition",
) -> T:
    """Call `look` until `done` accepts its value, and return that value; fail the test with
    the last value seen once `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = look()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached in {timeout:.0f}s; last seen: {value!r}")
        time.sleep(interval)
