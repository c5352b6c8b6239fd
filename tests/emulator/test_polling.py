"""The testing API's poll helper, which every test that waits on something uses."""

import itertools

import pytest

from dli_emulator.testing import poll_status, poll_until


def test_poll_until_returns_the_first_accepted_value() -> None:
    counter = itertools.count()
    assert poll_until(lambda: next(counter), lambda n: n >= 3, interval=0) == 3


def test_poll_until_names_the_last_value_once_time_is_up() -> None:
    with pytest.raises(TimeoutError, match=r"the answer not reached in 0.05 s; last seen: 'no'"):
        poll_until(lambda: "no", lambda _: False, timeout=0.05, interval=0.01, what="the answer")


def test_poll_status_waits_for_one_of_the_states() -> None:
    statuses = iter(["LAUNCHING", "RUNNING", "FINISHED"])
    assert poll_status(lambda: {"status": next(statuses)}, "job-1") == {"status": "FINISHED"}
    with pytest.raises(TimeoutError, match="status RUNNING of job job-1 not reached"):
        poll_status(lambda: {"status": "LAUNCHING"}, "job-1", ("RUNNING",), timeout=0.05)
