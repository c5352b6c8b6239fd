"""SQL engines behind one protocol (`protocol.Engine`), chosen by name.

Adding an engine is one line in `ENGINES`: its name and where its factory lives. The module is
imported only when the engine is chosen, so an engine's libraries (pyspark, ...) are needed
only by those who use it.
"""

from __future__ import annotations

import importlib

from ..config import DEFAULT_ENGINE
from .protocol import Engine, EngineFactory, EngineSettings

# name -> "module:attribute" of a callable taking EngineSettings and returning an Engine.
ENGINES: dict[str, str] = {
    "duckdb": "dli_emulator.engines.duckdb:DuckDBEngine",
    "spark": "dli_emulator.engines.spark:SparkEngine",
}


def create(name: str, settings: EngineSettings) -> Engine:
    """The engine called `name`; ValueError naming the known ones for an unknown name."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(sorted(ENGINES))}")
    module_name, _, attribute = ENGINES[name].partition(":")
    factory: EngineFactory = getattr(importlib.import_module(module_name), attribute)
    return factory(settings)


__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "EngineSettings", "create"]
