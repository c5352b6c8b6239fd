"""A local emulator of the DLI SQL-job API.

Routes and validation come from openapi.yaml; SQL runs on embedded DuckDB.
"""
