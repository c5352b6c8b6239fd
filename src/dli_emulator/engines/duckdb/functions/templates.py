"""Spark functions that DuckDB lacks or answers differently, written as DuckDB SQL over the
rendered arguments (`{0}`, `{1}`, ...), keyed by lower-case name and argument count.

One table for every kind, so that a function needing no more than a template is added in one
place; a function that needs to look at its arguments' syntax is a generator method in its
kind's module instead (`text.py`, `datetime.py`, `aggregates.py`, `collections.py`, ...).
"""

from .hashing import TEMPLATES as HASH_TEMPLATES
from .urls import TEMPLATES as URL_TEMPLATES
from .xxhash import TEMPLATES as XXHASH_TEMPLATES

SPARK_FUNCTIONS: dict[tuple[str, int], str] = {
    # (hashing.py) hash(...): Murmur3 with seed 42 over Spark's encoding of each argument
    **HASH_TEMPLATES,
    # (urls.py) url_encode, url_decode, try_url_decode: Java's URLEncoder and URLDecoder
    **URL_TEMPLATES,
    # (xxhash.py) xxhash64(...): XXH64 with seed 42 over the same encodings
    **XXHASH_TEMPLATES,
    # -- arithmetic, null tests, errors ----------------------------------------------------------
    # Spark's pmod is never negative for a positive divisor; DuckDB's % keeps the dividend's sign
    ("pmod", 2): "((({0}) % ({1})) + ({1})) % ({1})",
    ("positive", 1): "(+({0}))",
    ("bround", 1): "round_even({0}, 0)",
    ("bround", 2): "round_even({0}, {1})",
    ("isnull", 1): "(({0}) IS NULL)",
    ("isnotnull", 1): "(({0}) IS NOT NULL)",
    ("raise_error", 1): "error({0})",
    # A job runs as one partition here (Spark's local runs of small data say 0 too)
    ("spark_partition_id", 0): "CAST(0 AS INTEGER)",
    # -- text -------------------------------------------------------------------------------------
    ("btrim", 1): "trim({0})",
    ("btrim", 2): "trim({0}, {1})",
    # (checksums.py) zlib's CRC-32 of a binary, or of a string's UTF-8 bytes
    ("crc32", 1): "main.spark_crc32({0})",
    ("octet_length", 1): "CAST(octet_length(encode({0})) AS INT)",
    # The 1-based place of the string in a comma-separated list; 0 when absent or when the
    # string holds a comma.
    ("find_in_set", 2): (
        "CASE WHEN ({0}) IS NULL OR ({1}) IS NULL THEN NULL WHEN contains({0}, ',') THEN 0 "
        "ELSE CAST(coalesce(list_position(string_split({1}, ','), {0}), 0) AS INT) END"
    ),
    # -- dates and timestamps ---------------------------------------------------------------------
    # (see timezones.py) UTC is the session time zone
    ("from_utc_timestamp", 2): "CAST(timezone({1}, TRY_CAST({0} AS TIMESTAMPTZ)) AS TIMESTAMPTZ)",
    ("to_utc_timestamp", 2): "timezone({1}, timezone('UTC', TRY_CAST({0} AS TIMESTAMPTZ)))",
    ("timestamp_seconds", 1): "to_timestamp({0})",
    # Spark (without ANSI mode) gives NULL for a date that does not exist; DuckDB raises.
    ("make_date", 3): "try(make_date({0}, {1}, {2}))",
    # Monday is 0 (DuckDB's weekday counts from Sunday)
    ("weekday", 1): "CAST(isodow(TRY_CAST({0} AS DATE)) - 1 AS INT)",
    ("timestamp_millis", 1): "CAST(epoch_ms(CAST({0} AS BIGINT)) AS TIMESTAMPTZ)",
    ("timestamp_micros", 1): "CAST(make_timestamp(CAST({0} AS BIGINT)) AS TIMESTAMPTZ)",
    # -- aggregates -------------------------------------------------------------------------------
    ("every", 1): "bool_and({0})",
    ("some", 1): "bool_or({0})",
    ("std", 1): "stddev_samp({0})",
    # -- collections ------------------------------------------------------------------------------
    # map_concat of fewer than two maps, which sqlglot leaves as a plain call.
    ("map_concat", 0): "MAP {{}}",
    ("map_concat", 1): "({0})",
}
