"""Spark's url_encode, url_decode, try_url_decode and parse_url as DuckDB macros.

DuckDB's own url_encode/url_decode follow RFC 3986 (a space is %20, `~` kept, `+` kept);
Spark's are Java's URLEncoder and URLDecoder (form encoding): letters, digits and `.-*_` are
kept, a space is `+`, every other character is the %XX of its UTF-8 bytes; decoding reads `+`
as a space and fails on a `%` without two hex digits after it (CANNOT_DECODE_URL; try_url_decode
gives NULL). Bytes that are not UTF-8, which Java replaces with U+FFFD, are refused.

parse_url(url, part[, key]) reads the URL as java.net.URI does and answers NULL where URI
refuses it (a space or another illegal character, a bad escape, a bad scheme, `http://` alone,
...). The parts: PROTOCOL (scheme), HOST, PATH, QUERY, REF (fragment), FILE (path and query),
AUTHORITY and USERINFO, all raw (escapes kept); a URI with a scheme but no `/` after it is
opaque and has only PROTOCOL and REF. The host is there only when the authority is a server
(`[userinfo@]host[:port]` with a DNS name or an IPv4 address); otherwise (`my_host.com`, a bad
port) the authority is a registry name without host or user info. A key picks the value of
`key=` in the query, the key read as a Java regex, as Spark's does. An authority with brackets
(an IPv6 host) is refused. Exported: `MACROS` (for the warehouse), `TEMPLATES` (for the
template table) and `TRANSFORMS` (parse_url, which sqlglot reads into a node of its own).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

_ENCODE = (
    "CREATE OR REPLACE MACRO main.spark_url_encode(s) AS array_to_string(list_transform("
    "string_split(s, ''), lambda c: CASE WHEN regexp_full_match(c, '[A-Za-z0-9.*_-]') THEN c "
    "WHEN c = ' ' THEN '+' ELSE regexp_replace(hex(encode(c)), '(..)', '%\\1', 'g') END), '')"
)
# Runs of escapes are decoded together (one character may take several), as URLDecoder does.
_DECODED = (
    "CREATE OR REPLACE MACRO main.spark_url_decoded(s) AS array_to_string(list_transform("
    "regexp_extract_all(s, '(%[0-9A-Fa-f]{2})+|[^%]+'), lambda t: CASE WHEN t[1] = '%' THEN "
    "coalesce(try(decode(unhex(replace(t, '%', '')))), error('url_decode of bytes that are "
    "not UTF-8 is not supported by the DuckDB engine: ' || t)) ELSE replace(t, '+', ' ') END), '')"
)
_DECODABLE = (
    "CREATE OR REPLACE MACRO main.spark_url_decodable(s) AS "
    "NOT contains(regexp_replace(s, '%[0-9A-Fa-f]{2}', '', 'g'), '%')"
)
_DECODE = (
    "CREATE OR REPLACE MACRO main.spark_url_decode(s) AS CASE WHEN spark_url_decodable(s) "
    "THEN spark_url_decoded(s) WHEN s IS NOT NULL THEN error('[CANNOT_DECODE_URL] The provided "
    "URL cannot be decoded: ' || s || '. Please ensure that the URL is properly formatted and "
    "try again. SQLSTATE: 22546') END"
)

# RFC 2396's (java.net.URI's) split of a URI; an empty group is told from a missing one by
# the group around it with its delimiter (s1 `scheme:`, a1 `//authority`, q1 `?query`, ...).
_SPLIT = r"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$"
_GROUPS = "['s1', 'scheme', 'a1', 'authority', 'path', 'q1', 'query', 'f1', 'fragment']"
# Characters URI never accepts: controls, space (also Unicode's), `"<>\^`{|}`.
_ILLEGAL = r'[\x00-\x20"<>\\^`{|}\x7f-\x{9f}]|\p{Z}'
_OCTET = "0*(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
# A server's host: IPv4, one DNS label, or labels whose last starts with a letter.
_HOST = (
    f"({_OCTET}\\.){{3}}{_OCTET}|{_LABEL}\\.?|({_LABEL}\\.)+[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?\\.?"
)
_SERVER = r"^(([^@]*)@)?([^:@]*)(:([0-9]*))?$"
_SERVER_GROUPS = "['u1', 'userinfo', 'host', 'p1', 'port']"

_PARTS = (
    f"CREATE OR REPLACE MACRO main.spark_url_parts(u) AS regexp_extract(u, '{_SPLIT}', {_GROUPS})"
)
_SERVER_PARTS = (
    "CREATE OR REPLACE MACRO main.spark_url_server(a) AS CASE WHEN "
    f"regexp_full_match(regexp_extract(a, '{_SERVER}', 3), '{_HOST}') AND "
    f"(regexp_extract(a, '{_SERVER}', 5) = '' OR "
    f"TRY_CAST(regexp_extract(a, '{_SERVER}', 5) AS INTEGER) IS NOT NULL) "
    f"THEN regexp_extract(a, '{_SERVER}', {_SERVER_GROUPS}) END"
)
_OPAQUE = "(r.s1 <> '' AND r.a1 = '' AND NOT starts_with(r.path, '/'))"
_INVALID = (
    f"regexp_matches(u, '{_ILLEGAL}') OR NOT spark_url_decodable(u) OR starts_with(u, ':') "
    "OR contains(r.fragment, '#') "
    "OR (r.s1 <> '' AND NOT regexp_full_match(r.scheme, '[A-Za-z][A-Za-z0-9+.-]*')) "
    f"OR ({_OPAQUE} AND r.path = '' AND r.q1 = '') "
    f"OR (NOT {_OPAQUE} AND regexp_matches(r.path, '[\\[\\]]')) "
    "OR (r.a1 <> '' AND r.authority = '' AND r.path = '' AND r.q1 = '' AND r.f1 = '')"
)
_PICK = (
    "CREATE OR REPLACE MACRO main.spark_url_pick(r, u, part) AS CASE "
    f"WHEN u IS NULL OR part IS NULL OR {_INVALID} THEN NULL "
    "WHEN regexp_matches(r.authority, '[\\[\\]]') THEN error('parse_url of an authority with "
    "brackets (an IPv6 host) is not supported by the DuckDB engine: ' || u) "
    "WHEN part = 'PROTOCOL' THEN nullif(r.scheme, '') "
    "WHEN part = 'REF' THEN CASE WHEN r.f1 <> '' THEN r.fragment END "
    f"WHEN {_OPAQUE} THEN NULL "
    "WHEN part = 'PATH' THEN r.path "
    "WHEN part = 'QUERY' THEN CASE WHEN r.q1 <> '' THEN r.query END "
    "WHEN part = 'FILE' THEN r.path || CASE WHEN r.q1 <> '' THEN '?' || r.query ELSE '' END "
    "WHEN part = 'AUTHORITY' THEN nullif(r.authority, '') "
    "WHEN part = 'HOST' THEN spark_url_server(r.authority).host "
    "WHEN part = 'USERINFO' THEN CASE WHEN spark_url_server(r.authority).u1 <> '' "
    "THEN spark_url_server(r.authority).userinfo END END"
)
_KEYED = "'(&|^)' || k || '=([^&]*)'"
_PARSE = (
    "CREATE OR REPLACE MACRO main.spark_parse_url(u, part) AS "
    "spark_url_pick(spark_url_parts(u), u, part), "
    "(u, part, k) AS CASE WHEN part = 'QUERY' AND k IS NOT NULL AND "
    f"regexp_matches(spark_url_pick(spark_url_parts(u), u, part), {_KEYED}) THEN "
    f"regexp_extract(spark_url_pick(spark_url_parts(u), u, part), {_KEYED}, 2) END"
)
MACROS = (_ENCODE, _DECODED, _DECODABLE, _DECODE, _PARTS, _SERVER_PARTS, _PICK, _PARSE)

TEMPLATES: dict[tuple[str, int], str] = {
    ("url_encode", 1): "main.spark_url_encode({0})",
    ("url_decode", 1): "main.spark_url_decode({0})",
    ("try_url_decode", 1): (
        "CASE WHEN main.spark_url_decodable({0}) THEN main.spark_url_decoded({0}) END"
    ),
}


def _parse_url(gen: DuckDBGenerator, node: exp.ParseUrl) -> str:
    arguments = [node.this, node.args.get("part_to_extract"), node.args.get("key")]
    return f"main.spark_parse_url({', '.join(gen.sql(a) for a in arguments if a is not None)})"


TRANSFORMS: dict[type[exp.Expr], Callable[[DuckDBGenerator, exp.ParseUrl], str]] = {
    exp.ParseUrl: _parse_url,
}
