-- GROUPING SETS, ROLLUP, CUBE, grouping() and grouping_id().
-- setup
CREATE TABLE sales_t (region STRING, product STRING, yr INT, amount INT) USING parquet;
INSERT INTO sales_t VALUES ('east', 'pen', 2023, 10), ('east', 'ink', 2023, 5), ('east', 'pen', 2024, 7), ('west', 'pen', 2023, 3), ('west', 'ink', 2024, 8), ('west', 'ink', 2024, 2);
-- queries
SELECT region, product, sum(amount) FROM sales_t GROUP BY ROLLUP(region, product) ORDER BY region, product;
SELECT region, product, sum(amount) FROM sales_t GROUP BY CUBE(region, product) ORDER BY region, product;
SELECT region, product, sum(amount) FROM sales_t GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY region, product;
SELECT region, sum(amount) FROM sales_t GROUP BY region WITH ROLLUP ORDER BY region;
SELECT region, product, sum(amount) FROM sales_t GROUP BY region, product WITH CUBE ORDER BY region, product;
SELECT region, product, grouping(region), grouping(product), sum(amount) FROM sales_t GROUP BY CUBE(region, product) ORDER BY region, product;
SELECT region, product, grouping_id(), sum(amount) FROM sales_t GROUP BY ROLLUP(region, product) ORDER BY region, product;
SELECT region, yr, count(*) FROM sales_t GROUP BY GROUPING SETS ((region, yr), (region)) ORDER BY region, yr;
SELECT coalesce(region, 'ALL') AS r, sum(amount) FROM sales_t GROUP BY ROLLUP(region) ORDER BY r;
SELECT region, product, yr, sum(amount) FROM sales_t GROUP BY ROLLUP(region, product, yr) ORDER BY region, product, yr;
SELECT region, max(amount) FROM sales_t GROUP BY GROUPING SETS (region, ()) HAVING max(amount) > 5 ORDER BY region;
SELECT yr, count(*) FROM sales_t GROUP BY CUBE(yr) ORDER BY yr;
SELECT region, product, sum(amount) FROM sales_t GROUP BY region, ROLLUP(product) ORDER BY region, product;
SELECT count(*) FROM (SELECT region, product FROM sales_t GROUP BY CUBE(region, product));
SELECT region, sum(amount), grouping(region) AS g FROM sales_t GROUP BY ROLLUP(region) ORDER BY g, region;
SELECT region, avg(amount) FROM sales_t GROUP BY region ORDER BY region;
SELECT product, count(DISTINCT region) FROM sales_t GROUP BY product ORDER BY product;
SELECT region, product, sum(amount) FROM sales_t GROUP BY GROUPING SETS ((region, product)) ORDER BY region, product;
