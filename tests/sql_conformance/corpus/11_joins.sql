-- Every join kind: inner, left/right/full outer, cross, left semi, left anti, natural, USING, self join.
-- setup
CREATE TABLE jl (id INT, a STRING) USING parquet;
CREATE TABLE jr (id INT, b STRING) USING parquet;
INSERT INTO jl VALUES (1, 'l1'), (2, 'l2'), (3, 'l3'), (NULL, 'lnull'), (2, 'l2b');
INSERT INTO jr VALUES (2, 'r2'), (3, 'r3'), (4, 'r4'), (NULL, 'rnull');
-- queries
SELECT jl.id, a, b FROM jl JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT jl.id, a, b FROM jl INNER JOIN jr ON jl.id = jr.id AND b = 'r3';
SELECT jl.id, a, b FROM jl LEFT JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT jl.id, a, b FROM jl LEFT OUTER JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT jr.id, a, b FROM jl RIGHT JOIN jr ON jl.id = jr.id ORDER BY b;
SELECT jl.id AS lid, jr.id AS rid, a, b FROM jl FULL OUTER JOIN jr ON jl.id = jr.id ORDER BY a, b;
SELECT count(*) FROM jl CROSS JOIN jr;
SELECT a, b FROM jl CROSS JOIN jr WHERE jl.id = 1 ORDER BY b;
SELECT * FROM jl LEFT SEMI JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT * FROM jl LEFT ANTI JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT * FROM jl SEMI JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT * FROM jl ANTI JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT * FROM jl JOIN jr USING (id) ORDER BY a;
SELECT * FROM jl LEFT JOIN jr USING (id) ORDER BY a;
SELECT * FROM jl FULL JOIN jr USING (id) ORDER BY id, a, b;
SELECT * FROM jl NATURAL JOIN jr ORDER BY a;
SELECT x.a, y.a FROM jl x JOIN jl y ON x.id = y.id AND x.a < y.a;
SELECT a, b FROM jl JOIN jr ON jl.id <=> jr.id ORDER BY a;
SELECT a, b FROM jl JOIN jr ON jl.id < jr.id ORDER BY a, b;
SELECT a, b FROM jl, jr WHERE jl.id = jr.id ORDER BY a;
SELECT a FROM jl WHERE EXISTS (SELECT 1 FROM jr WHERE jr.id = jl.id) ORDER BY a;
SELECT count(*) FROM jl JOIN jr ON true;
SELECT jl.*, b FROM jl LEFT JOIN jr ON jl.id = jr.id AND jr.b <> 'r2' ORDER BY a;
SELECT a, coalesce(b, '-') FROM jl LEFT JOIN jr ON jl.id = jr.id WHERE jl.id IS NOT NULL ORDER BY a;
SELECT jl.id, count(jr.id) FROM jl LEFT JOIN jr ON jl.id = jr.id GROUP BY jl.id ORDER BY jl.id;
SELECT a, b, c FROM jl JOIN jr ON jl.id = jr.id JOIN (SELECT 3 AS id, 'c3' AS c) t ON t.id = jr.id;
SELECT * FROM jl JOIN jr ON jl.id = jr.id ORDER BY a;
SELECT jr.* FROM jr LEFT ANTI JOIN jl ON jl.id = jr.id ORDER BY b;
