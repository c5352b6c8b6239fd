"""The DuckDB engine (default): Spark SQL through sqlglot onto embedded DuckDB."""

from .engine import DuckDBEngine

__all__ = ["DuckDBEngine"]
