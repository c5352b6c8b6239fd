"""Spark functions DuckDB lacks or answers differently, one module per kind: text, dates and
times (with Java patterns), aggregates, arrays/maps/structs, generators (explode, LATERAL VIEW),
higher-order functions (lambdas) and PIVOT."""
