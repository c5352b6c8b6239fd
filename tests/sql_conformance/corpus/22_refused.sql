-- SQL that Spark refuses: the engine must fail the job, not answer it.
-- setup
CREATE TABLE rf_t (a INT, s STRING) USING parquet;
INSERT INTO rf_t VALUES (1, 'x');
-- queries
SELECT count() FROM rf_t;
SELECT a FROM rf_t LIMIT true;
WITH c AS (SELECT * FROM rf_missing) SELECT * FROM c;
SELECT * FROM rf_missing;
SELECT nope FROM rf_t;
SELECT a, s FROM rf_t GROUP BY a;
SELECT sum(s, a) FROM rf_t;
SELECT no_such_function(1);
SELECT a FROM rf_t WHERE sum(a) > 0;
SELECT a FROM rf_t ORDER BY 5;
SELECT a FROM rf_t LIMIT -1;
SELECT 1 FROM rf_t UNION SELECT 1, 2;
INSERT INTO rf_t VALUES (1, 'a', 'extra');
CREATE TABLE rf_t (a INT) USING parquet;
DROP TABLE rf_missing;
SELECT a FROM rf_t JOIN rf_t USING (nope);
SELECT max(count(a)) FROM rf_t;
SELECT a.b.c.d FROM rf_t;
SELECT SELECT;
SELECT * FROM rf_t WHERE;
SELECT substr();
SELECT array(1, 2)[ 'x' ];
SELECT a FROM rf_t LIMIT 'x';
SELECT count(DISTINCT *) FROM rf_t;
SELECT explode(explode(array(array(1))));
SELECT row_number() FROM rf_t;
SELECT rank() OVER () FROM rf_t;
DESCRIBE rf_missing;
SHOW COLUMNS IN rf_missing;
ALTER TABLE rf_missing ADD COLUMNS (x INT);
INSERT OVERWRITE TABLE rf_t SELECT * FROM rf_t;
SELECT a FROM rf_t WHERE a > ALL (SELECT a FROM rf_t);
