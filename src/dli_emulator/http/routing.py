"""Path-template matching where a literal segment beats a parameter at the same position.

`/jobs/submit-job` and `/jobs/{job_id}` both match `/jobs/submit-job`; the literal template is
tried first, so a DELETE there is a 405 on submit-job, not a cancel of a job named "submit-job".
A path that matches a template but not one of its methods is a 405 listing what is allowed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import unquote

T = TypeVar("T")


@dataclass(frozen=True)
class Route(Generic[T]):
    template: str
    segments: tuple[str | None, ...]  # a literal, or None where a parameter goes
    names: tuple[str, ...]  # parameter names, in path order
    methods: Mapping[str, T]  # upper-case method -> handler
    allow: str  # the Allow header of a 405


@dataclass(frozen=True)
class Match(Generic[T]):
    route: Route[T]
    params: dict[str, str]  # percent-decoded


class RouteTable(Generic[T]):
    def __init__(self, templates: Mapping[str, Mapping[str, T]]) -> None:
        by_length: dict[int, list[Route[T]]] = {}
        for template, methods in templates.items():
            route = _route(template, methods)
            by_length.setdefault(len(route.segments), []).append(route)
        # Literal before parameter, position by position from the left.
        self._by_length = {
            length: sorted(routes, key=lambda r: [s is None for s in r.segments])
            for length, routes in by_length.items()
        }

    def match(self, raw_path: str) -> Match[T] | None:
        """The route of a raw (still percent-encoded) path, or None."""
        parts = raw_path.split("/")[1:]
        for route in self._by_length.get(len(parts), ()):
            params = _match(route, parts)
            if params is not None:
                return Match(route, params)
        return None


def _route(template: str, methods: Mapping[str, T]) -> Route[T]:
    if not template.startswith("/"):
        raise ValueError(f"path template {template!r} must start with '/'")
    segments: list[str | None] = []
    names: list[str] = []
    for segment in template.split("/")[1:]:
        if segment.startswith("{") and segment.endswith("}"):
            segments.append(None)
            names.append(segment[1:-1])
        elif "{" in segment or "}" in segment:
            raise ValueError(f"path template {template!r}: a parameter must fill its segment")
        else:
            segments.append(segment)
    upper = {method.upper(): handler for method, handler in methods.items()}
    return Route(template, tuple(segments), tuple(names), upper, ", ".join(sorted(upper)))


def _match(route: Route[T], parts: list[str]) -> dict[str, str] | None:
    values = []
    for literal, part in zip(route.segments, parts, strict=True):
        text = unquote(part) if "%" in part else part
        if literal is None:
            if not text:
                return None
            values.append(text)
        elif text != literal:
            return None
    return dict(zip(route.names, values, strict=True))
