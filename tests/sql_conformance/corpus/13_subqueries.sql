-- Subqueries: scalar, IN / NOT IN, EXISTS / NOT EXISTS, correlated, in FROM and in SELECT.
-- setup
CREATE TABLE sq_o (oid INT, cust STRING, total INT) USING parquet;
CREATE TABLE sq_c (cust STRING, city STRING) USING parquet;
INSERT INTO sq_o VALUES (1, 'amy', 50), (2, 'amy', 70), (3, 'ben', 20), (4, 'cat', 90), (5, 'zed', 10);
INSERT INTO sq_c VALUES ('amy', 'oslo'), ('ben', 'rome'), ('cat', 'oslo'), ('dan', 'lima');
-- queries
SELECT (SELECT max(total) FROM sq_o);
SELECT oid FROM sq_o WHERE total > (SELECT avg(total) FROM sq_o) ORDER BY oid;
SELECT oid FROM sq_o WHERE cust IN (SELECT cust FROM sq_c WHERE city = 'oslo') ORDER BY oid;
SELECT oid FROM sq_o WHERE cust NOT IN (SELECT cust FROM sq_c) ORDER BY oid;
SELECT cust FROM sq_c c WHERE EXISTS (SELECT 1 FROM sq_o o WHERE o.cust = c.cust) ORDER BY cust;
SELECT cust FROM sq_c c WHERE NOT EXISTS (SELECT 1 FROM sq_o o WHERE o.cust = c.cust) ORDER BY cust;
SELECT cust, (SELECT sum(total) FROM sq_o o WHERE o.cust = c.cust) AS spent FROM sq_c c ORDER BY cust;
SELECT oid FROM sq_o o WHERE total = (SELECT max(total) FROM sq_o i WHERE i.cust = o.cust) ORDER BY oid;
SELECT city, n FROM (SELECT city, count(*) AS n FROM sq_c GROUP BY city) t ORDER BY city;
SELECT * FROM (SELECT oid, total * 2 AS dbl FROM sq_o) WHERE dbl > 100 ORDER BY oid;
SELECT oid FROM sq_o WHERE total > (SELECT max(total) FROM sq_o WHERE cust = 'amy') ORDER BY oid;
SELECT oid, total > (SELECT min(total) FROM sq_o WHERE cust = 'amy') AS above FROM sq_o ORDER BY oid;
SELECT (SELECT city FROM sq_c WHERE cust = 'nobody');
SELECT cust FROM sq_o GROUP BY cust HAVING sum(total) > (SELECT avg(total) FROM sq_o) ORDER BY cust;
SELECT oid FROM sq_o WHERE cust IN ('amy', 'cat') AND total IN (SELECT total FROM sq_o WHERE total > 60) ORDER BY oid;
SELECT count(*) FROM sq_o WHERE cust IN (SELECT cust FROM sq_c WHERE city IN (SELECT city FROM sq_c WHERE cust = 'amy'));
SELECT cust, total FROM sq_o WHERE (cust, total) IN (SELECT cust, total FROM sq_o WHERE total = 70) ORDER BY cust;
SELECT oid FROM sq_o WHERE total IN (SELECT NULL) ORDER BY oid;
SELECT oid FROM sq_o WHERE total NOT IN (SELECT CAST(NULL AS INT)) ORDER BY oid;
SELECT max(t) FROM (SELECT total AS t FROM sq_o WHERE oid < 4);
