"""Spark's arithmetic, null-test and error functions that DuckDB spells differently."""

# As DuckDB SQL over the rendered arguments ({0}, {1}, ...), like the other kinds' tables.
SCALAR_FUNCTIONS = {
    # Spark's pmod is never negative for a positive divisor; DuckDB's % keeps the dividend's sign
    ("pmod", 2): "((({0}) % ({1})) + ({1})) % ({1})",
    ("positive", 1): "(+({0}))",
    ("bround", 1): "round_even({0}, 0)",
    ("bround", 2): "round_even({0}, {1})",
    ("isnull", 1): "(({0}) IS NULL)",
    ("isnotnull", 1): "(({0}) IS NOT NULL)",
    ("raise_error", 1): "error({0})",
}
