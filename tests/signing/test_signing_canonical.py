"""The pieces of the canonical request, and the signer's refusals of bad input."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from dli_signing import (
    EMPTY_PAYLOAD_SHA256,
    SignedRequest,
    SigningKey,
    canonical_query,
    canonical_uri,
    format_sdk_date,
    parse_query,
    parse_sdk_date,
    sign,
)
from dli_signing.headers import HeaderInput

SECRET = "SECRET-KEY-VALUE"


def sign_get(
    headers: HeaderInput,
    *,
    access_key: str = "AK",
    secret_key: str = SECRET,
    raw_path: str = "/v1.0/p/jobs",
    host: str | None = None,
    now: datetime | None = None,
) -> SignedRequest:
    return sign(
        access_key=access_key,
        secret_key=secret_key,
        method="GET",
        raw_path=raw_path,
        raw_query="",
        headers=headers,
        body=None,
        host=host,
        now=now,
    )


@pytest.mark.parametrize(
    ("raw_path", "expected"),
    [
        ("/", "/"),
        ("/v1.0/p/jobs", "/v1.0/p/jobs/"),
        ("/v1.0/p/jobs/", "/v1.0/p/jobs/"),
        ("/jobs/a%20b(c)", "/jobs/a%20b%28c%29/"),
        ("/jobs/a%2Fb", "/jobs/a/b/"),
        ("/jobs/%C3%A9~_.-", "/jobs/%C3%A9~_.-/"),
        ("/jobs/é", "/jobs/%C3%A9/"),
        ("/jobs/a+b*c", "/jobs/a%2Bb%2Ac/"),
    ],
)
def test_canonical_uri(raw_path: str, expected: str) -> None:
    assert canonical_uri(raw_path) == expected


def test_canonical_uri_needs_an_absolute_path() -> None:
    with pytest.raises(ValueError, match="must start with '/'"):
        canonical_uri("v1.0/jobs")


def test_parse_query_reads_plus_literally_unless_told() -> None:
    assert parse_query("q=a+b%20c&flag&k=") == [("q", "a+b c"), ("flag", ""), ("k", "")]
    assert parse_query("q=a+b%2Bc", plus_is_space=True) == [("q", "a b+c")]
    assert parse_query("") == []
    assert parse_query("&&a=1&") == [("a", "1")]


def test_canonical_query_sorts_decoded_strings_and_encodes_reserved() -> None:
    pairs = [("k", "éx"), ("k", "~x"), ("a", "x=y/z *"), ("a", "")]

    assert canonical_query(pairs) == "a=&a=x%3Dy%2Fz%20%2A&k=~x&k=%C3%A9x"


def test_canonical_query_is_a_fixed_point() -> None:
    query = canonical_query(parse_query("b=2&a=x%20y&a=%C3%A9&c=%2B"))

    assert canonical_query(parse_query(query)) == query


def test_sdk_date_round_trip() -> None:
    moment = datetime(2024, 1, 2, 11, 4, 5, tzinfo=timezone(timedelta(hours=8)))

    assert format_sdk_date(moment) == "20240102T030405Z"
    assert parse_sdk_date("20240102T030405Z") == moment


@pytest.mark.parametrize("text", ["2024112T030405Z", "20240102T030405", "20241302T030405Z", ""])
def test_sdk_date_rejects_other_shapes(text: str) -> None:
    with pytest.raises(ValueError, match="X-Sdk-Date"):
        parse_sdk_date(text)


def test_sdk_date_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_sdk_date(datetime(2024, 1, 2))


def test_sign_without_date_uses_now_and_without_host_uses_host() -> None:
    signed = sign_get({}, host="h:8080", now=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))

    assert dict(signed.headers)["X-Sdk-Date"] == "20240102T030405Z"
    assert dict(signed.headers)["Host"] == "h:8080"
    assert signed.canonical_request.endswith(EMPTY_PAYLOAD_SHA256)


@pytest.mark.parametrize(
    ("attempt", "message"),
    [
        (lambda: sign_get({"Host": "h"}, secret_key=""), "non-empty secret key"),
        (lambda: sign_get({"Host": "h"}, access_key=""), "non-empty access key"),
        (lambda: sign_get([("Host", "h"), ("X-A", "1"), ("x-a", "2")]), "x-a given more than once"),
        (lambda: sign_get({"Host": "h", "Authorization": "x"}), "already carry Authorization"),
        (lambda: sign_get({}), "no Host"),
        (lambda: sign_get({"Host": "h", "X-Sdk-Date": "yesterday"}), "YYYYMMDDTHHMMSSZ"),
        (lambda: sign_get({"Host": "h"}, raw_path="jobs"), "must start with '/'"),
    ],
)
def test_sign_refuses_bad_input_without_revealing_the_secret(
    attempt: Callable[[], SignedRequest], message: str
) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        attempt()

    assert SECRET not in str(caught.value)


def test_signed_request_repr_hides_the_security_token() -> None:
    signed = sign_get({"Host": "h", "X-Security-Token": "TEMP-TOKEN-VALUE"})

    assert "x-security-token" in signed.signed_headers
    assert "TEMP-TOKEN-VALUE" not in repr(signed)
    assert SECRET not in repr(signed)


def test_signing_key_hides_the_secret_and_refuses_an_empty_one() -> None:
    assert SECRET not in repr(SigningKey(SECRET))
    with pytest.raises(ValueError, match="non-empty secret key"):
        SigningKey("")
