-- Higher-order functions with lambdas.
-- setup
CREATE TABLE hof_t (id INT, xs ARRAY<INT>) USING parquet;
INSERT INTO hof_t VALUES (1, array(1, 2, 3)), (2, array(-1, 0)), (3, NULL);
-- queries
SELECT transform(array(1, 2, 3), x -> x * 10);
SELECT transform(array(5, 6), (x, i) -> x + i);
SELECT filter(array(1, 2, 3, 4), x -> x % 2 = 0);
SELECT filter(array(1, NULL, 3), x -> x IS NOT NULL);
SELECT exists(array(1, 2, 3), x -> x > 2);
SELECT forall(array(1, 2, 3), x -> x > 0);
SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x);
SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 100);
SELECT reduce(array(1, 2, 3), 0, (acc, x) -> acc + x);
SELECT zip_with(array(1, 2), array(10, 20), (a, b) -> a + b);
SELECT map_filter(map('a', 1, 'b', 2), (k, v) -> v > 1);
SELECT transform_keys(map('a', 1), (k, v) -> upper(k));
SELECT transform_values(map('a', 1), (k, v) -> v * 2);
SELECT map_zip_with(map('a', 1), map('a', 2), (k, v1, v2) -> v1 + v2);
SELECT array_sort(array(3, 1, 2));
SELECT array_sort(array(3, 1, 2), (l, r) -> r - l);
SELECT id, transform(xs, x -> x + id) FROM hof_t ORDER BY id;
SELECT id, filter(xs, x -> x > 0) FROM hof_t ORDER BY id;
SELECT id, aggregate(xs, 0, (a, x) -> a + x) FROM hof_t ORDER BY id;
SELECT id, exists(xs, x -> x = 0) FROM hof_t ORDER BY id;
SELECT transform(array('a', 'b'), s -> concat(s, '!'));
SELECT transform(array(array(1, 2), array(3)), a -> size(a));
SELECT array_sort(array('b', 'a', NULL));
SELECT exists(array(1, NULL), x -> x > 5);
