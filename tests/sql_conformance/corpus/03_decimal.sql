-- Decimal precision and scale: literals, arithmetic result types, rounding, casts.
-- setup
CREATE TABLE dec_t (id INT, a DECIMAL(10,2), b DECIMAL(5,3), c DECIMAL(38,10)) USING parquet;
INSERT INTO dec_t VALUES (1, 12.34, 1.234, 1234567.1234567891), (2, -5.50, 0.001, 0.0000000001), (3, NULL, 99.999, NULL);
-- queries
SELECT typeof(1.23);
SELECT typeof(123.456789);
SELECT 1.23 + 4.567;
SELECT typeof(1.23 + 4.567);
SELECT 1.23 * 4.567;
SELECT typeof(1.23 * 4.567);
SELECT 10.00 / 3;
SELECT typeof(10.00 / 3);
SELECT a + b FROM dec_t ORDER BY id;
SELECT typeof(a + b) FROM dec_t WHERE id = 1;
SELECT a * b FROM dec_t ORDER BY id;
SELECT typeof(a * b) FROM dec_t WHERE id = 1;
SELECT a / b FROM dec_t ORDER BY id;
SELECT typeof(a / b) FROM dec_t WHERE id = 1;
SELECT sum(a) FROM dec_t;
SELECT typeof(sum(a)) FROM dec_t;
SELECT avg(a) FROM dec_t;
SELECT typeof(avg(a)) FROM dec_t;
SELECT sum(c), avg(c) FROM dec_t;
SELECT cast(1.999 AS DECIMAL(3,1));
SELECT cast(123.45 AS DECIMAL(4,2));
SELECT cast('3.14159' AS DECIMAL(6,4));
SELECT cast(5 AS DECIMAL(10,2));
SELECT typeof(cast(5 AS DECIMAL));
SELECT round(a, 1) FROM dec_t ORDER BY id;
SELECT a > b FROM dec_t ORDER BY id;
SELECT max(b), min(b) FROM dec_t;
SELECT a + 1 FROM dec_t ORDER BY id;
SELECT typeof(a + 1) FROM dec_t WHERE id = 1;
SELECT a + 1.5D FROM dec_t ORDER BY id;
SELECT cast(a AS INT) FROM dec_t ORDER BY id;
SELECT 12345678901234567890.123456789 * 10;
SELECT abs(a) FROM dec_t ORDER BY id;
