# The Spark engine and SQL conformance against real Spark (pyspark 4.3.0, Java 17).
.PHONY: spark-test conformance-sql conformance-sql-ci java

## java: a Java 17 runtime for Spark (Debian's openjdk-17-jre-headless), installed when missing
java:
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }

## spark-test: the Spark engine over HTTP, on local Spark and through a Spark Connect server on loopback
spark-test: install java
	mkdir -p reports
	$(BIN)/pytest -m spark tests/emulator --junitxml=reports/spark.xml

## conformance-sql: the whole SQL corpus on real Spark and on both engines; writes CONFORMANCE.md (about 10 minutes)
conformance-sql: install java
	mkdir -p reports
	$(PY) scripts/conformance_sql.py --engine duckdb --engine spark --output CONFORMANCE.md

## conformance-sql-ci: every 5th corpus query (all setups), failing on an unexplained difference
conformance-sql-ci: install java
	mkdir -p reports
	$(PY) scripts/conformance_sql.py --sample 5 --check

TEST_EXTRA += spark-test conformance-sql-ci
