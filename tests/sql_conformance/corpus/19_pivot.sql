-- PIVOT: one and several aggregates, aliases, multi-column values, IN lists with aliases.
-- setup
CREATE TABLE pv_t (yr INT, qtr STRING, region STRING, amount INT) USING parquet;
INSERT INTO pv_t VALUES (2023, 'q1', 'n', 10), (2023, 'q2', 'n', 20), (2023, 'q1', 's', 5), (2024, 'q1', 'n', 7), (2024, 'q2', 's', 9), (2024, 'q2', 's', 1);
-- queries
SELECT * FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (sum(amount) FOR qtr IN ('q1', 'q2')) ORDER BY yr;
SELECT * FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (sum(amount) FOR qtr IN ('q1' AS first, 'q2' AS second)) ORDER BY yr;
SELECT * FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (sum(amount) AS total, count(amount) AS n FOR qtr IN ('q1', 'q2')) ORDER BY yr;
SELECT * FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (max(amount) FOR qtr IN ('q1')) ORDER BY yr;
SELECT * FROM (SELECT yr, qtr, region, amount FROM pv_t) PIVOT (sum(amount) FOR (qtr, region) IN (('q1', 'n') AS q1n, ('q2', 's') AS q2s)) ORDER BY yr;
SELECT * FROM (SELECT yr, region, amount FROM pv_t) PIVOT (sum(amount) FOR region IN ('n', 's', 'w')) ORDER BY yr;
SELECT * FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (avg(amount) FOR qtr IN ('q1', 'q2')) ORDER BY yr;
SELECT * FROM (SELECT qtr, amount FROM pv_t) PIVOT (sum(amount) FOR qtr IN ('q1', 'q2'));
SELECT * FROM (SELECT yr, qtr, region, amount FROM pv_t) PIVOT (sum(amount) FOR qtr IN ('q1', 'q2')) ORDER BY yr, region;
SELECT * FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (sum(amount) AS s FOR qtr IN ('q1' AS a, 'q2' AS b)) ORDER BY yr;
SELECT yr, q1 FROM (SELECT yr, qtr, amount FROM pv_t) PIVOT (sum(amount) FOR qtr IN ('q1' AS q1, 'q2' AS q2)) ORDER BY yr;
SELECT * FROM (SELECT yr, region, amount FROM pv_t) PIVOT (count(*) FOR region IN ('n', 's')) ORDER BY yr;
