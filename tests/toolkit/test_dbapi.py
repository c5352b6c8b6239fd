"""The DB-API 2.0 module on the emulator, used directly and through pandas.read_sql."""

import datetime as dt
import uuid
import warnings
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from dli_toolkit import dbapi
from dli_toolkit.factory import DliClient
from dli_toolkit.objectstore import LocalObjectStore
from dli_toolkit.pipelines import FetchOptions

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


@pytest.fixture
def conn(dli: DliClient, emulator: "EmulatorInstance") -> Iterator[dbapi.Connection]:
    options = FetchOptions(
        export_path="obs://dbapi-tests/out", store=LocalObjectStore(emulator.data_dir / "obs")
    )
    with dbapi.connect(client=dli, fetch_options=options) as connection:
        yield connection


def test_module_globals_are_pep_249s() -> None:
    assert (dbapi.apilevel, dbapi.threadsafety, dbapi.paramstyle) == ("2.0", 1, "pyformat")
    for name in (
        "InterfaceError",
        "DataError",
        "OperationalError",
        "IntegrityError",
        "InternalError",
        "ProgrammingError",
        "NotSupportedError",
    ):
        assert issubclass(getattr(dbapi, name), dbapi.Error)
    assert issubclass(dbapi.ProgrammingError, dbapi.DatabaseError)
    assert issubclass(dbapi.Warning, Exception)


def test_ddl_insert_and_query(conn: dbapi.Connection) -> None:
    table = f"dbapi_{uuid.uuid4().hex[:8]}"
    cur = conn.cursor()
    cur.execute(f"create table {table} (id int, price decimal(8,2), day date, name string)")
    assert cur.description is None
    cur.execute(
        f"insert into {table} values (%(id)s, %(price)s, %(day)s, %(name)s), (2, null, null, 'b')",
        {"id": 1, "price": Decimal("9.50"), "day": dt.date(2024, 3, 1), "name": "it's; \\ ok"},
    )
    assert cur.rowcount == 2
    conn.commit()
    cur.execute(f"select * from {table} where id >= %s order by id", (1,))
    assert cur.description is not None
    assert [column[0] for column in cur.description] == ["id", "price", "day", "name"]
    assert cur.description[1][1] == "decimal(8,2)"
    assert cur.description[1][4:6] == (8, 2)
    assert cur.description[1][1] == dbapi.NUMBER and cur.description[2][1] == dbapi.DATETIME
    assert cur.description[3][1] == dbapi.STRING and cur.description[3][1] != dbapi.NUMBER
    assert cur.rowcount == 2
    assert cur.fetchone() == (1, Decimal("9.50"), dt.date(2024, 3, 1), "it's; \\ ok")
    assert cur.fetchall() == [(2, None, None, "b")]
    assert cur.fetchone() is None


def test_fetchmany_and_arraysize_walk_past_the_preview(conn: dbapi.Connection) -> None:
    cur = conn.cursor()
    cur.execute("select id from range(2500) order by id")
    assert cur.rowcount == 2500
    cur.arraysize = 600
    seen: list[int] = []
    while batch := cur.fetchmany():
        assert len(batch) <= 600
        seen.extend(row[0] for row in batch)
    assert seen == list(range(2500))


def test_errors_are_pep_249_classes(conn: dbapi.Connection) -> None:
    cur = conn.cursor()
    with pytest.raises(dbapi.ProgrammingError, match=r"DLI\.0004"):
        cur.execute("selec 1")
    with pytest.raises(dbapi.ProgrammingError, match="placeholders"):
        cur.execute("select %(a)s", {"b": 1})
    with pytest.raises(dbapi.ProgrammingError, match="execute a query first"):
        conn.cursor().fetchone()
    with pytest.raises(dbapi.NotSupportedError):
        conn.rollback()
    conn.close()
    with pytest.raises(dbapi.InterfaceError):
        conn.cursor()


def test_pandas_read_sql_reads_every_row(conn: dbapi.Connection) -> None:
    with warnings.catch_warnings():
        # pandas warns that it tests only SQLAlchemy and sqlite3 connections.
        warnings.simplefilter("ignore", UserWarning)
        frame = pd.read_sql(
            "select id, cast(id as double) / 2 as half from range(%(n)s)", conn, params={"n": 1500}
        )
    assert list(frame.columns) == ["id", "half"]
    assert len(frame) == 1500
    assert sorted(frame["id"].tolist()) == list(range(1500))
    assert frame["half"].sum() == sum(range(1500)) / 2
