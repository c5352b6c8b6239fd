"""Differential SQL conformance: the corpus run on real Spark (the truth) and on the emulator.

corpus     reads tests/sql_conformance/corpus/*.sql (setup statements and queries per category)
outcome    what one statement gave: columns (name, Spark type), rows, or an error
values     result values in one comparable form, the way the emulator's preview writes them
spark      runs a corpus on a pyspark session (local, non-ANSI, UTC)
emulator   runs a corpus on an emulator through its HTTP API (submit, wait, preview)
compare    one engine's outcomes against Spark's
report     CONFORMANCE.md and the JUnit file
"""
