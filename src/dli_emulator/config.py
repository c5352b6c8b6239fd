"""Who may call the emulator: projects and their credentials, from a config file or the dev default.

A config file (JSON, or TOML when its name ends in `.toml`) lists projects, each with the tokens
and AK/SK pairs that may act on it (every credential names the user who becomes a job's
`owner`) and, optionally, the OBS buckets it owns:

    {"projects": [{"project_id": "0123abcd...",
                   "tokens": [{"token": "...", "user": "alice"}],
                   "access_keys": [{"ak": "...", "sk": "...", "user": "alice"}],
                   "buckets": ["alice-data"]}]}

Without one, a development project is created once in the data directory, in that same format,
so a restart keeps its credentials and the file can be passed back with --config.
"""

import functools
import json
import os
import secrets
import string
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_ENV = "DLI_EMULATOR_CONFIG"
# The emulator's defaults, used by the command line, the app, the service and `testing` alike.
# The SQL engine used unless another is chosen (a name of `dli_emulator.engines.ENGINES`).
DEFAULT_ENGINE = "duckdb"
# The queue jobs go to when a request names none (and the only queue unless others are set).
DEFAULT_QUEUE = "default"
# Jobs run at the same time.
DEFAULT_WORKERS = 4
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8900
DEV_CREDENTIALS_FILE = "dev-credentials.json"
DEV_USER = "dev"

# The shape of a config file. It is this project's own format, not part of the API contract.
_NAME = {"type": "string", "minLength": 1, "maxLength": 128}
_CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["projects"],
    "additionalProperties": False,
    "properties": {
        "projects": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["project_id"],
                "additionalProperties": False,
                "properties": {
                    # The app checks it against the API's own project_id parameter.
                    "project_id": {"type": "string", "minLength": 1},
                    "tokens": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["token", "user"],
                            "additionalProperties": False,
                            "properties": {"token": _NAME | {"maxLength": 4096}, "user": _NAME},
                        },
                    },
                    # OBS buckets the project owns: other projects' jobs may not use them.
                    "buckets": {
                        "type": "array",
                        "items": {
                            "type": "string",
                            "pattern": "^[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]$",
                            "maxLength": 63,
                        },
                    },
                    "access_keys": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ak", "sk", "user"],
                            "additionalProperties": False,
                            "properties": {"ak": _NAME, "sk": _NAME, "user": _NAME},
                        },
                    },
                },
            },
        },
    },
}


@functools.cache
def _config_validator() -> Any:
    # Imported here: this module is read by `dli-emulator --help` and `--version`, which must
    # work in a base install without the emulator's extra.
    import jsonschema_rs

    return jsonschema_rs.validator_for(_CONFIG_SCHEMA)


class ConfigError(ValueError):
    """The credentials configuration cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    user: str


@dataclass(frozen=True)
class AccessKey:
    ak: str
    sk: str = field(repr=False)
    user: str


@dataclass(frozen=True)
class Project:
    project_id: str
    tokens: tuple[Token, ...] = ()
    access_keys: tuple[AccessKey, ...] = ()
    buckets: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        document = {
            "project_id": self.project_id,
            "tokens": [{"token": t.value, "user": t.user} for t in self.tokens],
            "access_keys": [{"ak": k.ak, "sk": k.sk, "user": k.user} for k in self.access_keys],
        }
        if self.buckets:
            document["buckets"] = list(self.buckets)
        return document


@dataclass(frozen=True)
class Settings:
    """Everything the app needs besides the socket it serves on."""

    data_dir: Path
    projects: tuple[Project, ...]
    queues: frozenset[str] = frozenset({DEFAULT_QUEUE})
    workers: int = DEFAULT_WORKERS
    enable_reset: bool = False
    engine: str = DEFAULT_ENGINE
    # Engine-specific settings (the Spark engine's `remote`: a Spark Connect URL).
    engine_options: Mapping[str, str] = field(default_factory=dict)


def declared_buckets(projects: Sequence[Project]) -> dict[str, str]:
    """Bucket -> the project that declares it."""
    return {bucket: p.project_id for p in projects for bucket in p.buckets}


def parse_projects(document: object, source: str) -> tuple[Project, ...]:
    """Check a config document and build its projects; credentials must be unique across them."""
    errors = list(_config_validator().iter_errors(document))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.instance_path) or "(top level)"
        raise ConfigError(f"{source}: {where}: {_redacted(first.message, document)}")
    assert isinstance(document, Mapping)
    projects = tuple(_project(entry) for entry in document["projects"])
    _check_unique(projects, source)
    return projects


def load_projects(path: Path) -> tuple[Project, ...]:
    """Read a JSON or TOML config file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text") from None
    try:
        document = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path} does not parse: {exc}") from None
    return parse_projects(document, str(path))


def dev_projects(data_dir: Path) -> tuple[tuple[Project, ...], Path, bool]:
    """The development project of a data directory, created on first use.

    Returns the projects, the file holding them and whether it was just created.
    """
    path = data_dir / DEV_CREDENTIALS_FILE
    if path.exists():
        return load_projects(path), path, False
    project = new_project(DEV_USER)
    data_dir.mkdir(parents=True, exist_ok=True)
    write_config(path, [project])
    return (project,), path, True


def new_project(user: str) -> Project:
    """A project with a fresh random ID, one token and one AK/SK pair, all for `user`."""
    alphabet = string.ascii_uppercase + string.digits
    return Project(
        project_id=secrets.token_hex(16),
        tokens=(Token(secrets.token_urlsafe(32), user),),
        access_keys=(
            AccessKey(
                ak="".join(secrets.choice(alphabet) for _ in range(20)),
                sk=secrets.token_urlsafe(30),
                user=user,
            ),
        ),
    )


def write_config(path: Path, projects: Sequence[Project]) -> None:
    """Write projects as a JSON config file readable only by its owner (it holds secrets)."""
    text = json.dumps({"projects": [p.to_json() for p in projects]}, indent=2) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def _project(entry: Mapping[str, Any]) -> Project:
    return Project(
        project_id=entry["project_id"],
        tokens=tuple(Token(t["token"], t["user"]) for t in entry.get("tokens", [])),
        access_keys=tuple(
            AccessKey(k["ak"], k["sk"], k["user"]) for k in entry.get("access_keys", [])
        ),
        buckets=tuple(entry.get("buckets", [])),
    )


def _redacted(message: str, document: object) -> str:
    """A schema error's message with every token and SK in it masked.

    The message quotes the offending value as JSON, and that value may be, or hold, a secret
    (an SK longer than allowed, a `tokens` object where a list belongs). Only quoted forms are
    masked, so that a one-letter secret does not garble the rest of the message.
    """
    for secret in set(_secret_values(document)):
        for quoted in {json.dumps(secret), json.dumps(secret, ensure_ascii=False)}:
            message = message.replace(quoted, '"***"')
    return message


def _secret_values(node: object) -> Iterator[str]:
    """Every string under a `token` or `sk` key, however malformed the document around it."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in ("token", "sk") and isinstance(value, str):
                yield value
            else:
                yield from _secret_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _secret_values(item)


def _check_unique(projects: Sequence[Project], source: str) -> None:
    seen_projects: set[str] = set()
    seen_tokens: set[str] = set()
    seen_aks: set[str] = set()
    seen_buckets: set[str] = set()
    for project in projects:
        if project.project_id in seen_projects:
            raise ConfigError(f"{source}: project {project.project_id} is listed twice")
        seen_projects.add(project.project_id)
        for bucket in project.buckets:
            if bucket in seen_buckets:
                raise ConfigError(f"{source}: bucket {bucket} is declared by two projects")
            seen_buckets.add(bucket)
        for token in project.tokens:
            if token.value in seen_tokens:
                # The token itself is a secret: name the project instead.
                raise ConfigError(f"{source}: a token of project {project.project_id} is reused")
            seen_tokens.add(token.value)
        for key in project.access_keys:
            if key.ak in seen_aks:
                raise ConfigError(f"{source}: AK {key.ak} is listed twice")
            seen_aks.add(key.ak)
