"""PEP 249 (DB-API 2.0) over the SQL-job API, so that pandas.read_sql and other tools can use DLI.

    conn = dli_toolkit.dbapi.connect(region="cn-north-4", queue="default")
    cur = conn.cursor()
    cur.execute("select * from sales where day = %(day)s", {"day": date(2024, 1, 1)})
    rows = cur.fetchall()

Each `execute` is one job: submitted and waited for. A query's rows come from its preview, or,
when the job produced more than the preview holds, from `fetch`'s export to OBS, streamed as
they are fetched.
DLI has no transactions: every statement takes effect when its job finishes, `commit()` has
nothing to do and `rollback()` raises NotSupportedError.

Parameters use `paramstyle = "pyformat"` (`%(name)s` or `%s`); values become Spark literals
rendered by sqlglot (strings quoted and escaped, dates as `CAST('2024-01-01' AS DATE)`, ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, Unpack

from dli_client.models.job_mode import JobMode
from dli_client.models.job_type import JobType
from sqlglot import exp

from dli_toolkit import errors, pipelines, waiting
from dli_toolkit.factory import DliClient
from dli_toolkit.results import QueryResult, Row
from dli_toolkit.settings import SettingsArgs

apilevel = "2.0"
threadsafety = 1  # threads may share the module, not connections
paramstyle = "pyformat"


# -- exceptions (PEP 249's names and tree) ------------------------------------------------------


class Warning(Exception):
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


def _translate(error: errors.DliToolkitError) -> Error:
    kind: type[Error]
    if isinstance(error, errors.InvalidSql | errors.InvalidParameter | errors.NotFound):
        kind = ProgrammingError
    elif isinstance(error, errors.ConfigurationError):
        kind = InterfaceError
    elif isinstance(error, errors.JobFailed):
        kind = DatabaseError
    elif isinstance(
        error,
        errors.ConnectionFailed
        | errors.AuthenticationError
        | errors.Forbidden
        | errors.Throttled
        | errors.ServerError
        | errors.JobCancelled
        | errors.WaitTimeout,
    ):
        kind = OperationalError
    else:
        kind = DatabaseError
    translated = kind(str(error))
    translated.__cause__ = error
    return translated


# -- types and constructors ---------------------------------------------------------------------


class _TypeSet:
    """A PEP 249 type object: equal to every Spark type string of its kind."""

    def __init__(self, *names: str) -> None:
        self._names = frozenset(names)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return other.split("(", 1)[0].split("<", 1)[0].strip().lower() in self._names
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._names)


STRING = _TypeSet("string", "char", "varchar")
BINARY = _TypeSet("binary")
NUMBER = _TypeSet("tinyint", "smallint", "int", "bigint", "float", "double", "decimal")
DATETIME = _TypeSet("date", "timestamp", "timestamp_ntz", "timestamp_ltz")
ROWID = _TypeSet()

Date = dt.date
Time = dt.time
Timestamp = dt.datetime
Binary = bytes


def DateFromTicks(ticks: float) -> dt.date:
    return dt.date.fromtimestamp(ticks)


def TimeFromTicks(ticks: float) -> dt.time:
    return dt.datetime.fromtimestamp(ticks).time()


def TimestampFromTicks(ticks: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ticks)


# -- parameters ---------------------------------------------------------------------------------


def literal(value: Any) -> str:
    """A Python value as a Spark SQL literal."""
    try:
        return exp.convert(value).sql(dialect="spark")
    except ValueError as error:
        raise ProgrammingError(f"cannot pass {type(value).__name__} as a parameter") from error


def bind(operation: str, parameters: Sequence[Any] | Mapping[str, Any] | None) -> str:
    """`operation` with its pyformat placeholders replaced by literals (None: left as is)."""
    if parameters is None:
        return operation
    try:
        if isinstance(parameters, Mapping):
            return operation % {key: literal(value) for key, value in parameters.items()}
        return operation % tuple(literal(value) for value in parameters)
    except (TypeError, KeyError, ValueError) as error:
        raise ProgrammingError(f"parameters do not match the placeholders: {error}") from error


# -- connection and cursor ----------------------------------------------------------------------


def connect(
    *,
    client: DliClient | None = None,
    queue: str | None = None,
    database: str | None = None,
    conf: Sequence[str] | Mapping[str, str] | None = None,
    fetch_options: pipelines.FetchOptions | None = None,
    wait_timeout: float | None = waiting.DEFAULT_WAIT_TIMEOUT,
    **settings: Unpack[SettingsArgs],
) -> Connection:
    """A connection: a `DliClient` of its own from `settings` (see `ClientSettings.resolve`),
    or the given `client` (then left open on close). Every statement runs on `queue` in
    `database` with `conf`."""
    owned = client is None
    try:
        client = client or DliClient.create(**settings)
    except errors.DliToolkitError as error:
        raise _translate(error) from error
    return Connection(
        client,
        owned=owned,
        queue=queue,
        database=database,
        conf=conf,
        fetch_options=fetch_options,
        wait_timeout=wait_timeout,
    )


class Connection:
    def __init__(
        self,
        client: DliClient,
        *,
        owned: bool,
        queue: str | None,
        database: str | None,
        conf: Sequence[str] | Mapping[str, str] | None,
        fetch_options: pipelines.FetchOptions | None,
        wait_timeout: float | None,
    ) -> None:
        self.client = client
        self._owned = owned
        self.queue = queue
        self.database = database
        self.conf = conf
        self.fetch_options = fetch_options or pipelines.FetchOptions(queue=queue)
        self.wait_timeout = wait_timeout
        self.closed = False

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.closed and self._owned:
            self.client.close()
        self.closed = True

    def commit(self) -> None:
        """Nothing to do: each statement took effect when its job finished."""
        self._check_open()

    def rollback(self) -> None:
        raise NotSupportedError("DLI has no transactions: each statement is committed by its job")

    def cursor(self) -> Cursor:
        self._check_open()
        return Cursor(self)

    def _check_open(self) -> None:
        if self.closed:
            raise InterfaceError("the connection is closed")


Description = tuple[str, str, None, None, int | None, int | None, bool]


class Cursor:
    arraysize: int

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.arraysize = 1
        self.description: list[Description] | None = None
        self.rowcount = -1
        self.job_id: str | None = None
        self._rows: Iterator[Row] | None = None
        self.closed = False

    def __enter__(self) -> Cursor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Row]:
        return self

    def __next__(self) -> Row:
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row

    def close(self) -> None:
        self._rows = None
        self.closed = True

    def setinputsizes(self, sizes: object) -> None:
        pass

    def setoutputsize(self, size: object, column: int | None = None) -> None:
        pass

    def execute(
        self, operation: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> Cursor:
        """Run one statement as a job and wait for it; a query's rows are then fetched."""
        if self.closed:
            raise InterfaceError("the cursor is closed")
        self.connection._check_open()
        sql = bind(operation, parameters)
        self.description, self.rowcount, self._rows, self.job_id = None, -1, None, None
        conn = self.connection
        try:
            job = pipelines.submit(
                conn.client, sql, queue=conn.queue, database=conn.database, conf=conn.conf
            )
            self.job_id = job.job_id
            status = None
            if job.job_mode != JobMode.SYNC:
                status = conn.client.wait(job.job_id, timeout=conn.wait_timeout)
            result = pipelines.job_result(conn.client, job)
        except errors.DliToolkitError as error:
            raise _translate(error) from error
        if result.columns:
            self.description = [_describe(c.name, c.type) for c in result.columns]
            self.rowcount = result.total_rows if result.total_rows is not None else -1
            self._rows = self._all_rows(result)
        elif job.job_type == JobType.INSERT and status is not None:
            count = status.result_count
            self.rowcount = count if isinstance(count, int) else -1
        return self

    def executemany(
        self, operation: str, seq_of_parameters: Sequence[Sequence[Any] | Mapping[str, Any]]
    ) -> None:
        for parameters in seq_of_parameters:
            self.execute(operation, parameters)

    def fetchone(self) -> Row | None:
        return next(self._iterator(), None)

    def fetchmany(self, size: int | None = None) -> list[Row]:
        return list(islice(self._iterator(), self.arraysize if size is None else size))

    def fetchall(self) -> list[Row]:
        return list(self._iterator())

    def _iterator(self) -> Iterator[Row]:
        if self._rows is None:
            raise ProgrammingError("no result: execute a query first")
        return self._rows

    def _all_rows(self, preview: QueryResult) -> Iterator[Row]:
        # A cut preview is not continued by the export: the two need not list rows in the same
        # order, so the rows all come from the export, read at the first fetch.
        if not preview.truncated:
            yield from preview
            return
        conn = self.connection
        try:
            whole = pipelines.fetch(conn.client, preview.job_id or "", conn.fetch_options)
            yield from whole
        except errors.DliToolkitError as error:
            raise _translate(error) from error


def _describe(name: str, type_text: str) -> Description:
    precision = scale = None
    if type_text.startswith("decimal("):
        digits = type_text[len("decimal(") : -1].split(",")
        precision, scale = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    return (name, type_text, None, None, precision, scale, True)
