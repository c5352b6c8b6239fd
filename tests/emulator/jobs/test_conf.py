"""The conf list of a submit: key=value items and the settings the emulator reads."""

import pytest

from dli_emulator.errors import DliError
from dli_emulator.jobs.conf import parse_conf


def test_conf_items_are_key_value_with_optional_spaces() -> None:
    conf = parse_conf(
        [
            "dli.sql.shuffle.partitions = 200",
            "dli.sql.sqlasync.enabled=false",
            "dli.sql.job.timeout =5",
        ]
    )
    assert conf.settings["dli.sql.shuffle.partitions"] == "200"
    assert conf.sql_async is False
    assert conf.timeout_seconds == 5.0
    assert conf.user_conf() == (
        '{"dli.sql.shuffle.partitions":"200","dli.sql.sqlasync.enabled":"false",'
        '"dli.sql.job.timeout":"5"}'
    )
    assert parse_conf(None).sql_async is True
    assert parse_conf([]).user_conf() is None


@pytest.mark.parametrize(
    "item",
    [
        "no-equals-sign",
        "=value",
        "dli.sql.job.timeout=soon",
        "dli.sql.job.timeout=-1",
        "dli.sql.sqlasync.enabled=maybe",
    ],
)
def test_bad_conf_items_are_dli_0001_naming_the_item(item: str) -> None:
    with pytest.raises(DliError) as caught:
        parse_conf([item])
    assert caught.value.error_code == "DLI.0001"
    assert "conf" in caught.value.error_msg
