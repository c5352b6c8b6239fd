"""A local emulator of the DLI SQL-job API: routed and validated from openapi.yaml, SQL run on DuckDB."""
