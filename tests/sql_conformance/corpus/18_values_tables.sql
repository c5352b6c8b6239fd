-- VALUES as a table: with and without parentheses, with table and column aliases, inline and in FROM.
-- queries
SELECT * FROM VALUES (1, 'a'), (2, 'b') AS tbl(c1, c2) ORDER BY c1;
SELECT * FROM VALUES (1, 'a'), (2, 'b') tbl(c1, c2) ORDER BY c1;
SELECT * FROM VALUES 1, 2 AS data(a) ORDER BY a;
select * from values 1, 2 as data(a) order by a;
SELECT * FROM VALUES (1), (2), (3) ORDER BY 1;
SELECT col1, col2 FROM VALUES (1, 'x'), (2, 'y') ORDER BY col1;
VALUES (1, 'a'), (2, 'b');
SELECT c2 FROM VALUES (1, 'a') AS t(c1, c2);
SELECT sum(a) FROM VALUES (1), (2), (3) AS t(a);
SELECT typeof(a) FROM VALUES (1), (2L) AS t(a) LIMIT 1;
SELECT a FROM VALUES (1), (2.5) AS t(a) ORDER BY a;
SELECT * FROM VALUES (NULL, 1), ('z', NULL) AS t(s, n) ORDER BY s;
SELECT * FROM VALUES (array(1, 2)) AS t(arr);
SELECT * FROM VALUES (DATE '2024-01-01') AS t(d);
SELECT t.a, u.b FROM VALUES (1) AS t(a) JOIN VALUES (1, 'one') AS u(a, b) ON t.a = u.a;
SELECT a, count(*) FROM VALUES (1), (1), (2) AS t(a) GROUP BY a ORDER BY a;
SELECT * FROM (VALUES (1, 2), (3, 4)) AS t(x, y) ORDER BY x;
SELECT * FROM (VALUES (5)) AS t(x);
SELECT max(x) FROM VALUES (1), (9), (4) AS t(x);
SELECT * FROM VALUES ('a', 1), ('b', 2) AS t(k, v) WHERE v > 1;
