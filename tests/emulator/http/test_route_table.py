"""RouteTable: literal segments beat parameters, percent-decoding, no partial or empty matches."""

import pytest

from dli_emulator.http.routing import RouteTable

TEMPLATES = {
    "/v1.0/{project_id}/jobs/submit-job": {"post": "createSqlJob"},
    "/v1.0/{project_id}/jobs/{job_id}": {"delete": "cancelSqlJob"},
    "/v1.0/{project_id}/jobs/{job_id}/status": {"get": "showSqlJobStatus"},
    "/v1.0/{project_id}/jobs": {"get": "listSqlJobs"},
}


@pytest.fixture(scope="module")
def table() -> RouteTable[str]:
    return RouteTable(TEMPLATES)


def test_literal_segment_wins_over_a_parameter_whatever_the_declaration_order(
    table: RouteTable[str],
) -> None:
    reversed_table = RouteTable(dict(reversed(list(TEMPLATES.items()))))
    for routes in (table, reversed_table):
        match = routes.match("/v1.0/p1/jobs/submit-job")
        assert match is not None
        assert match.route.template == "/v1.0/{project_id}/jobs/submit-job"
        assert match.params == {"project_id": "p1"}
        assert match.route.allow == "POST"


def test_parameter_segment_takes_anything_else(table: RouteTable[str]) -> None:
    match = table.match("/v1.0/p1/jobs/6d2146a0-c2d5-41bd-8ca0-ca9694ada992")
    assert match is not None
    assert match.route.methods == {"DELETE": "cancelSqlJob"}
    assert match.params == {"project_id": "p1", "job_id": "6d2146a0-c2d5-41bd-8ca0-ca9694ada992"}


def test_parameters_are_percent_decoded_and_an_encoded_slash_stays_inside(
    table: RouteTable[str],
) -> None:
    match = table.match("/v1.0/p1/jobs/a%2Fb%20c/status")
    assert match is not None
    assert match.params["job_id"] == "a/b c"


def test_an_encoded_literal_is_the_literal(table: RouteTable[str]) -> None:
    match = table.match("/v1.0/p1/jobs/submit%2Djob")
    assert match is not None
    assert match.route.template.endswith("/submit-job")


@pytest.mark.parametrize(
    "path",
    [
        "/v1.0/p1/jobs/",  # empty job_id
        "/v1.0//jobs",  # empty project_id
        "/v1.0/p1/jobs/j1/status/extra",
        "/v1.0/p1/jobs/j1/statu",
        "/v1/p1/jobs",
        "/",
        "",
    ],
)
def test_other_paths_do_not_match(table: RouteTable[str], path: str) -> None:
    assert table.match(path) is None


def test_a_parameter_must_fill_its_segment() -> None:
    with pytest.raises(ValueError, match="must fill its segment"):
        RouteTable({"/v1.0/job-{id}": {"get": "x"}})
