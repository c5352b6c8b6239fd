"""Result column names as Spark prints them, computed from the Spark syntax tree."""
