-- Common table expressions: chained, reused, shadowing a table, nested WITH.
-- setup
CREATE TABLE cte_t (id INT, parent INT, name STRING) USING parquet;
INSERT INTO cte_t VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1');
-- queries
WITH x AS (SELECT 1 AS n) SELECT n FROM x;
WITH x AS (SELECT id FROM cte_t WHERE parent = 1) SELECT count(*) FROM x;
WITH a AS (SELECT 1 AS v), b AS (SELECT v + 1 AS v FROM a) SELECT v FROM b;
WITH kids AS (SELECT parent, count(*) AS n FROM cte_t GROUP BY parent) SELECT c.name, k.n FROM cte_t c JOIN kids k ON k.parent = c.id ORDER BY c.name;
WITH t AS (SELECT 1 AS x) SELECT * FROM t t1 CROSS JOIN t t2;
WITH cte_t AS (SELECT 42 AS id) SELECT id FROM cte_t;
WITH t(a, b) AS (SELECT 1, 2) SELECT a + b FROM t;
WITH x AS (WITH y AS (SELECT 5 AS v) SELECT v * 2 AS v FROM y) SELECT v FROM x;
WITH x AS (SELECT id FROM cte_t) SELECT id FROM x WHERE id IN (SELECT parent FROM cte_t) ORDER BY id;
WITH x AS (SELECT 1 AS v UNION ALL SELECT 2) SELECT sum(v) FROM x;
WITH x AS (SELECT name FROM cte_t ORDER BY id LIMIT 2) SELECT name FROM x ORDER BY name;
SELECT * FROM (WITH inner_q AS (SELECT 3 AS z) SELECT z FROM inner_q);
WITH x AS (SELECT 1 AS v) SELECT v FROM x UNION ALL SELECT v + 10 FROM x ORDER BY v;
WITH cte_t AS (SELECT id FROM cte_t WHERE id > 2) SELECT id FROM cte_t ORDER BY id;
WITH a AS (SELECT 1 AS k), b AS (SELECT 1 AS k, 'b' AS w) SELECT a.k, w FROM a LEFT JOIN b ON a.k = b.k;
WITH x AS (SELECT id, name FROM cte_t) SELECT name FROM x WHERE id = (SELECT max(id) FROM x);
WITH e AS (SELECT * FROM cte_t WHERE 1 = 0) SELECT count(*) FROM e;
WITH x AS (SELECT parent FROM cte_t) SELECT DISTINCT parent FROM x ORDER BY parent;
