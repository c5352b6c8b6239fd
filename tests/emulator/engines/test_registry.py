"""Engines are chosen by name; the job layer and the app never name an engine's library."""

from pathlib import Path

import pytest

from dli_emulator.engines import ENGINES, EngineSettings, create
from dli_emulator.engines.duckdb import DuckDBEngine


def test_the_default_engine_is_duckdb(tmp_path: Path) -> None:
    engine = create("duckdb", EngineSettings(tmp_path / "warehouse", tmp_path / "obs"))
    try:
        assert isinstance(engine, DuckDBEngine)
        assert engine.name == "DuckDB"
        assert "parquet" in engine.import_data_types
    finally:
        engine.close()


def test_an_unknown_engine_is_refused_naming_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'oracle'; known: duckdb"):
        create("oracle", EngineSettings(tmp_path / "warehouse", tmp_path / "obs"))
    assert set(ENGINES) >= {"duckdb"}
