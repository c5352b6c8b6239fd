-- explode, posexplode, inline, the _outer variants and LATERAL VIEW.
-- setup
CREATE TABLE ex_t (id INT, tags ARRAY<STRING>, attrs MAP<STRING, INT>) USING parquet;
INSERT INTO ex_t VALUES (1, array('x', 'y'), map('a', 1)), (2, array(), map()), (3, NULL, NULL), (4, array('z'), map('b', 2, 'c', 3));
-- queries
SELECT explode(array(1, 2, 3));
SELECT explode(array(1, 2, 3)) AS v;
SELECT explode(map('a', 1, 'b', 2));
SELECT posexplode(array('p', 'q'));
SELECT inline(array(struct(1, 'a'), struct(2, 'b')));
SELECT id, explode(tags) FROM ex_t ORDER BY id, col;
SELECT id, explode(tags) AS tag FROM ex_t ORDER BY id, tag;
SELECT id, explode_outer(tags) AS tag FROM ex_t ORDER BY id, tag;
SELECT id, tag FROM ex_t LATERAL VIEW explode(tags) t AS tag ORDER BY id, tag;
SELECT id, tag FROM ex_t LATERAL VIEW OUTER explode(tags) t AS tag ORDER BY id, tag;
SELECT id, k, v FROM ex_t LATERAL VIEW explode(attrs) t AS k, v ORDER BY id, k;
SELECT id, pos, tag FROM ex_t LATERAL VIEW posexplode(tags) t AS pos, tag ORDER BY id, pos;
SELECT id, a, b FROM ex_t LATERAL VIEW explode(array(1, 2)) x AS a LATERAL VIEW explode(array(10, 20)) y AS b WHERE id = 1 ORDER BY a, b;
SELECT tag, count(*) FROM ex_t LATERAL VIEW explode(tags) t AS tag GROUP BY tag ORDER BY tag;
SELECT explode(sequence(1, 3)) AS n;
SELECT n * 2 FROM (SELECT explode(array(1, 2)) AS n) ORDER BY 1;
SELECT id, size(tags) FROM ex_t ORDER BY id;
SELECT id, explode(attrs) FROM ex_t ORDER BY id, key;
SELECT stack(2, 'a', 1, 'b', 2);
SELECT c1, c2 FROM (SELECT inline(array(struct(1 AS c1, 'x' AS c2))));
SELECT * FROM explode(array(5, 6));
SELECT col FROM ex_t LATERAL VIEW explode(array(id, id * 10)) t ORDER BY col;
