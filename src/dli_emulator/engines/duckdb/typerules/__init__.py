"""Spark's types for a statement before DuckDB runs it: inference over the Spark tree (`inference`)
from Spark's rules (`rules`: literals, decimal precision, widening), and the rewrites that give
DuckDB's answers those types and Spark's non-ANSI numeric semantics (`numeric`, `decimals`,
`javatext`)."""
