"""The breaking-change gate: each rule fires on the real spec changed in memory, additive changes
pass, and scripts/breaking.py reads the base version from real git history."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from contract_diff import RULES, Problem, compare

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "breaking.py"

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
SUBMIT = "/v1.0/{project_id}/jobs/submit-job"
CHECK = "/v1.0/{project_id}/jobs/check-sql"
LIST = "/v1.0/{project_id}/jobs"
STATUS = "/v1.0/{project_id}/jobs/{job_id}/status"
PREVIEW = "/v1.0/{project_id}/jobs/{job_id}/preview"

Mutation = Callable[[dict[str, Any]], object]


def schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    node: dict[str, Any] = spec["components"]["schemas"][name]
    return node


def inline_part(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """The inline member of an `allOf: [SuccessEnvelope, {...}]` response schema."""
    part: dict[str, Any] = schema(spec, name)["allOf"][1]
    return part


def parameter(spec: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        p for p in spec["paths"][path][method]["parameters"] if p.get("name") == name
    )
    return found


def changed(mutation: Mutation) -> list[Problem]:
    new = copy.deepcopy(SPEC)
    mutation(new)
    return compare(SPEC, new)


def move_path(spec: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    item: dict[str, Any] = spec["paths"].pop(old)
    spec["paths"][new] = item
    return item


def rename_job_id_in_status_path(spec: dict[str, Any]) -> None:
    item = move_path(spec, STATUS, "/v1.0/{project_id}/jobs/{id}/status")
    item["parameters"][1] = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"$ref": "#/components/schemas/JobId"},
    }


def add_required_query_parameter(spec: dict[str, Any]) -> None:
    spec["paths"][LIST]["get"]["parameters"].append(
        {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}}
    )


def drop_preview_page_size(spec: dict[str, Any]) -> None:
    params = spec["paths"][PREVIEW]["get"]["parameters"]
    params.remove(parameter(spec, PREVIEW, "get", "page-size"))


def add_body_to_list(spec: dict[str, Any]) -> None:
    spec["paths"][LIST]["get"]["requestBody"] = {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
    }


def optional_check_body(spec: dict[str, Any]) -> None:
    spec["paths"][CHECK]["post"]["requestBody"]["required"] = False


def require_check_body(spec: dict[str, Any]) -> None:
    spec["paths"][CHECK]["post"]["requestBody"]["required"] = True


def inline_sub_job_schema(spec: dict[str, Any]) -> None:
    # Same wire shape, but generated clients lose their SubJob model.
    sub_jobs = inline_part(spec, "ShowSqlJobProgressResponse")["properties"]["sub_jobs"]
    sub_jobs["items"] = spec["components"]["schemas"].pop("SubJob")


def add_required_check_field(spec: dict[str, Any]) -> None:
    request = schema(spec, "CheckSqlRequest")
    request["properties"]["queue"] = {"type": "string"}
    request["required"].append("queue")


def offer_xml_only(spec: dict[str, Any]) -> None:
    content = spec["paths"][SUBMIT]["post"]["requestBody"]["content"]
    content["application/xml"] = content.pop("application/json")


class Case(NamedTuple):
    name: str
    rule: str  # the one rule that must fire, and no other
    mutation: Mutation
    expected: str  # text the report must contain
    # Applied to both versions first, where the real spec lacks the case's premise.
    base: Mutation | None = None


CASES = [
    Case(
        "operation-removed",
        "operation-removed",
        lambda s: s["paths"][CHECK].pop("post"),
        "checkSql (POST /v1.0/{project_id}/jobs/check-sql): no longer in the spec",
    ),
    Case(
        "path-changed",
        "operation-moved",
        lambda s: move_path(s, CHECK, "/v1.0/{project_id}/jobs/check"),
        "now POST /v1.0/{project_id}/jobs/check",
    ),
    Case(
        "method-changed",
        "operation-moved",
        lambda s: s["paths"][CHECK].__setitem__("put", s["paths"][CHECK].pop("post")),
        "now PUT /v1.0/{project_id}/jobs/check-sql",
    ),
    Case(
        "operation-id-changed",
        "operation-id-changed",
        lambda s: s["paths"][CHECK]["post"].__setitem__("operationId", "validateSql"),
        "operationId checkSql -> validateSql",
    ),
    Case(
        "path-parameter-renamed",
        "path-parameter-renamed",
        rename_job_id_in_status_path,
        "`{job_id}` is now `{id}`",
    ),
    Case(
        "parameter-removed",
        "parameter-removed",
        drop_preview_page_size,
        "query parameter `page-size` is gone",
    ),
    Case(
        "parameter-wire-name-changed",
        "parameter-renamed",
        lambda s: parameter(s, LIST, "get", "engine-type").__setitem__("name", "engine_type"),
        "query parameter `engine-type` is now `engine_type`",
    ),
    Case(
        "parameter-added-as-required",
        "parameter-required",
        add_required_query_parameter,
        "new required query parameter `region`",
    ),
    Case(
        "parameter-made-required",
        "parameter-required",
        lambda s: parameter(s, LIST, "get", "queue_name").__setitem__("required", True),
        "query parameter `queue_name` became required",
    ),
    Case(
        "parameter-explode-changed",
        "parameter-serialization-changed",
        lambda s: parameter(s, LIST, "get", "job_types").__setitem__("explode", False),
        "style=form explode=True -> style=form explode=False",
    ),
    Case(
        "request-body-added-as-required",
        "request-body-required",
        add_body_to_list,
        "a request body is now required",
    ),
    Case(
        "request-body-made-required",
        "request-body-required",
        require_check_body,
        "became required",
        base=optional_check_body,
    ),
    Case(
        "request-body-removed",
        "request-body-removed",
        lambda s: s["paths"][CHECK]["post"].pop("requestBody"),
        "no request body is declared",
    ),
    Case(
        "request-media-type-removed",
        "media-type-removed",
        offer_xml_only,
        "application/json is no longer offered",
    ),
    Case(
        "request-field-removed",
        "request-field-removed",
        lambda s: schema(s, "CreateSqlJobRequest")["properties"].pop("current_catalog"),
        "field `current_catalog` is gone",
    ),
    Case(
        "request-field-added-as-required",
        "request-field-required",
        add_required_check_field,
        "new required field `queue`",
    ),
    Case(
        "request-field-made-required",
        "request-field-required",
        lambda s: schema(s, "CreateSqlJobRequest")["required"].append("queue_name"),
        "optional field `queue_name` became required",
    ),
    Case(
        "request-enum-value-removed",
        "request-enum-value-removed",
        lambda s: schema(s, "ExportSqlJobResultRequest")["properties"]["compress"]["enum"].remove(
            "bzip2"
        ),
        "'bzip2' is no longer allowed",
    ),
    Case(
        "maxLength-lowered",
        "request-constraint-narrowed",
        lambda s: schema(s, "QueueName").__setitem__("maxLength", 64),
        "maxLength 128 -> 64",
    ),
    Case(
        "maximum-lowered",
        "request-constraint-narrowed",
        lambda s: parameter(s, LIST, "get", "page-size")["schema"].__setitem__("maximum", 50),
        "maximum 100 -> 50",
    ),
    Case(
        "minimum-raised",
        "request-constraint-narrowed",
        lambda s: parameter(s, LIST, "get", "end")["schema"].__setitem__("minimum", 1),
        "minimum 0 -> 1",
    ),
    Case(
        "pattern-added",
        "request-constraint-narrowed",
        lambda s: schema(s, "CreateSqlJobRequest")["properties"]["sql"].__setitem__(
            "pattern", "^[^;]*$"
        ),
        "pattern 'unset' -> '^[^;]*$'",
    ),
    Case(
        "enum-imposed-on-free-text",
        "request-constraint-narrowed",
        lambda s: parameter(s, LIST, "get", "owner")["schema"].__setitem__("enum", ["admin"]),
        "now limited to ['admin']",
    ),
    Case(
        "schema-type-changed",
        "type-changed",
        lambda s: schema(s, "JobTag").__setitem__("type", "array"),
        "schema JobTag in responses (e.g. showSqlJobStatus (GET /v1.0/{project_id}/jobs/{job_id}"
        "/status) 200 response): object -> array",
    ),
    Case(
        "response-field-retyped",
        "type-changed",
        lambda s: inline_part(s, "ShowSqlJobStatusResponse")["properties"]["duration"].__setitem__(
            "type", "string"
        ),
        "`duration`: integer (int64) -> string (int64)",
    ),
    Case(
        "response-field-format-changed",
        "type-changed",
        lambda s: schema(s, "SqlJob")["properties"]["result_count"].__setitem__("format", "int32"),
        "`result_count`: integer (int64) -> integer (int32)",
    ),
    Case(
        "success-response-removed",
        "response-removed",
        lambda s: s["paths"][STATUS]["get"]["responses"].pop("200"),
        "no 200 response",
    ),
    Case(
        "response-field-removed",
        "response-field-removed",
        lambda s: inline_part(s, "ShowSqlJobStatusResponse")["properties"].pop("owner"),
        "field `owner` is gone",
    ),
    Case(
        "response-field-made-optional",
        "response-field-optional",
        lambda s: inline_part(s, "ListSqlJobsResponse")["required"].remove("job_count"),
        "`job_count` is no longer required",
    ),
    Case(
        "schema-removed",
        "schema-removed",
        inline_sub_job_schema,
        "schema SubJob: no longer in components/schemas",
    ),
]


def report(problems: list[Problem]) -> str:
    return "\n".join(map(str, problems)) or "(no problem found)"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule_fires(case: Case) -> None:
    base = copy.deepcopy(SPEC)
    if case.base is not None:
        case.base(base)
    new = copy.deepcopy(base)
    case.mutation(new)
    problems = compare(base, new)
    assert {p.rule for p in problems} == {case.rule}, report(problems)
    assert any(case.expected in str(p) for p in problems), report(problems)


def test_every_rule_has_a_case() -> None:
    assert {case.rule for case in CASES} == set(RULES)


def add_operation(spec: dict[str, Any]) -> None:
    spec["paths"]["/v1.0/{project_id}/queues"] = {
        "get": {
            "operationId": "listQueues",
            "parameters": [{"$ref": "#/components/parameters/ProjectId"}],
            "responses": {"200": {"description": "Queues."}},
        }
    }


def inline_queue_name(spec: dict[str, Any]) -> None:
    # The same schema written in place of its $ref: nothing changes on the wire.
    properties = schema(spec, "CreateSqlJobRequest")["properties"]
    properties["queue_name"] = copy.deepcopy(schema(spec, "QueueName"))


def relax_request(spec: dict[str, Any]) -> None:
    schema(spec, "QueueName")["maxLength"] = 256
    schema(spec, "CreateSqlJobRequest")["properties"]["currentdb"]["maxLength"] = 256
    parameter(spec, LIST, "get", "start")["schema"]["minimum"] = 0
    schema(spec, "ExportTableRequest")["required"].remove("compress")


ADDITIVE: dict[str, Mutation] = {
    "new-operation": add_operation,
    "new-optional-request-field": lambda s: schema(s, "CreateSqlJobRequest")[
        "properties"
    ].__setitem__("priority", {"type": "integer", "minimum": 1}),
    "new-optional-query-parameter": lambda s: s["paths"][LIST]["get"]["parameters"].append(
        {"name": "region", "in": "query", "schema": {"type": "string"}}
    ),
    "new-response-field": lambda s: schema(s, "SqlJob")["properties"].__setitem__(
        "cu_seconds", {"type": "integer", "format": "int64"}
    ),
    "new-response-enum-value": lambda s: schema(s, "JobStatus")["enum"].append("QUEUED"),
    "new-request-enum-value": lambda s: schema(s, "EngineType")["enum"].append("flink"),
    "response-field-made-required": lambda s: schema(s, "SqlJob")["required"].append("duration"),
    "new-error-response": lambda s: s["paths"][CHECK]["post"]["responses"].__setitem__(
        "409", {"$ref": "#/components/responses/BadRequest"}
    ),
    "new-schema": lambda s: s["components"]["schemas"].__setitem__("Queue", {"type": "object"}),
    "request-constraints-relaxed": relax_request,
    "ref-replaced-by-its-content": inline_queue_name,
}


@pytest.mark.parametrize("mutation", ADDITIVE.values(), ids=ADDITIVE.keys())
def test_additive_change_passes(mutation: Mutation) -> None:
    problems = changed(mutation)
    assert problems == [], report(problems)


def test_real_spec_against_itself_passes() -> None:
    assert compare(SPEC, copy.deepcopy(SPEC)) == []


# The command line, on real git history: the base version comes from `git show REF:openapi.yaml`.


def git(repo: Path, *args: str) -> str:
    identity = ("-c", "user.name=test", "-c", "user.email=test@example.invalid")
    result = subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def breaking(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    spec = repo / "openapi.yaml"
    command = [sys.executable, str(SCRIPT), "--spec", str(spec), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def write_spec(repo: Path, *mutations: Mutation) -> None:
    document = copy.deepcopy(SPEC)
    for mutation in mutations:
        mutation(document)
    (repo / "openapi.yaml").write_text(yaml.safe_dump(document, sort_keys=False))


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def drop_owner(spec: dict[str, Any]) -> None:
    inline_part(spec, "ShowSqlJobStatusResponse")["properties"].pop("owner")


def bump_major(spec: dict[str, Any]) -> None:
    major = int(str(spec["info"]["version"]).split(".", 1)[0])
    spec["info"]["version"] = f"{major + 1}.0.0"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose only commit holds the real spec."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    shutil.copy(ROOT / "openapi.yaml", path / "openapi.yaml")
    commit(path, "contract")
    return path


def test_this_repository_against_its_head() -> None:
    committed = yaml.safe_load(git(ROOT, "show", "HEAD:openapi.yaml"))
    expected = compare(committed, SPEC)
    result = breaking(ROOT, "--base", "HEAD")
    assert result.stderr == ""
    for problem in expected:
        assert f"BREAKING {problem}" in result.stdout
    if not expected:
        assert result.returncode == 0
        assert "keeps every client of HEAD working" in result.stdout
    else:
        assert result.returncode == (0 if "allowed" in result.stdout else 1)


def test_break_in_the_working_tree_fails(repo: Path) -> None:
    write_spec(repo, drop_owner)
    result = breaking(repo, "--base", "HEAD")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BREAKING [response-field-removed] schema ShowSqlJobStatusResponse" in result.stdout
    assert "field `owner` is gone" in result.stdout
    assert "1 breaking change(s) against HEAD" in result.stdout


def test_unchanged_working_tree_passes(repo: Path) -> None:
    result = breaking(repo, "--base", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "keeps every client of HEAD working" in result.stdout


def test_major_version_bump_announces_the_break(repo: Path) -> None:
    write_spec(repo, drop_owner, bump_major)
    result = breaking(repo, "--base", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BREAKING [response-field-removed]" in result.stdout
    major = int(str(SPEC["info"]["version"]).split(".", 1)[0])
    assert f"from major {major} to {major + 1}: allowed" in result.stdout


def test_auto_skips_a_clone_with_one_commit(repo: Path) -> None:
    result = breaking(repo, "--auto")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped" in result.stdout


def test_auto_compares_main_with_its_previous_commit(repo: Path) -> None:
    write_spec(repo, drop_owner)
    commit(repo, "drop owner")
    result = breaking(repo, "--auto")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "comparing with HEAD~1" in result.stdout
    assert "field `owner` is gone" in result.stdout


def test_auto_compares_a_branch_with_its_fork_point(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    write_spec(clone, drop_owner)
    commit(clone, "drop owner")
    write_spec(clone, drop_owner, ADDITIVE["new-operation"])
    commit(clone, "add an operation")
    # HEAD~1 already lacks `owner`; only the fork point still has it.
    result = breaking(clone, "--auto")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "merge base with origin/main" in result.stdout
    assert "field `owner` is gone" in result.stdout


def test_base_without_the_spec_passes(tmp_path: Path) -> None:
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    (path / "README.md").write_text("before the contract\n")
    commit(path, "start")
    shutil.copy(ROOT / "openapi.yaml", path / "openapi.yaml")
    commit(path, "contract")
    result = breaking(path, "--auto")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "has no openapi.yaml: nothing to compare with" in result.stdout


def test_unknown_base_is_an_error(repo: Path) -> None:
    result = breaking(repo, "--base", "no-such-ref")
    assert result.returncode == 2
    assert "'no-such-ref' is not a commit" in result.stderr
