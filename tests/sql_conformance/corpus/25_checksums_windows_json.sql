-- Checksums and hashes (crc32, hash), tumbling time windows, CAST to BINARY, get_json_object with [*] or without $, TRUNCATE TABLE ... PARTITION: added with the DuckDB engine's support for them.
-- whole
-- setup
CREATE TABLE cw_events (ts TIMESTAMP, v INT) USING parquet;
INSERT INTO cw_events VALUES (TIMESTAMP '2024-01-01 10:15:00', 1), (TIMESTAMP '2024-01-01 10:45:00', 2), (TIMESTAMP '2024-01-01 11:05:00', 3), (TIMESTAMP '1969-12-31 23:30:00', 4), (NULL, 5);
CREATE TABLE cw_parts (a INT, p INT, q STRING) USING parquet PARTITIONED BY (p, q);
INSERT INTO cw_parts VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'x'), (4, 3, 'z');
CREATE TABLE cw_docs (id INT, j STRING) USING parquet;
INSERT INTO cw_docs VALUES (1, '{"a":[{"b":"x"},{"b":"y"}]}'), (2, '{"a":[]}'), (3, 'nope'), (4, NULL), (5, '{"a":[{"b":1},{"c":2}]}');
-- queries
SELECT crc32('Spark'), crc32(''), crc32(NULL), crc32(X'00FF'), crc32(CAST('abc' AS BINARY));
SELECT s, crc32(s) FROM VALUES ('a'), (NULL), ('日本'), ('héllo') t(s) ORDER BY s NULLS FIRST;
SELECT crc32(123);
SELECT hash(1), hash(-1), hash(2147483647), hash(CAST(1 AS BIGINT)), hash(CAST(-5 AS BIGINT)), hash(CAST(1 AS SMALLINT)), hash(true), hash(false), hash(NULL), hash(1, 'a'), hash(NULL, 1);
SELECT hash('Spark'), hash(''), hash('abcde'), hash('héllo'), hash('日本語'), hash(X'00FF80'), hash(DATE '2024-01-01'), hash(TIMESTAMP '2024-01-01 00:00:00');
SELECT hash(1.5D), hash(CAST(1.5 AS FLOAT)), hash(CAST(1.50 AS DECIMAL(5,2))), hash(0.0D), hash(-0.0D), hash(CAST('NaN' AS DOUBLE)), hash(CAST(1e-40 AS FLOAT)), hash(1.5), hash(CAST(-0.5 AS DECIMAL(3,1)));
SELECT a, hash(a), hash(s), hash(a, s) FROM VALUES (1, 'x'), (NULL, NULL), (3, 'zz') t(a, s) ORDER BY a NULLS FIRST;
SELECT hash(sum(a)), hash(avg(a)) FROM VALUES (1), (2) t(a);
SELECT id, hash(j) AS h FROM cw_docs ORDER BY id;
SELECT window(ts, '1 hour'), sum(v) FROM cw_events GROUP BY window(ts, '1 hour') ORDER BY 1;
SELECT w.start, w.end, sum(v) FROM (SELECT window(ts, '7 days') AS w, v FROM cw_events) GROUP BY w ORDER BY 1;
SELECT window(ts, '1 hour') AS w, count(*) AS n FROM cw_events GROUP BY 1 ORDER BY w.start;
SELECT window(ts, '10 minutes', '10 minutes', '5 minutes') AS w, v FROM cw_events ORDER BY v;
SELECT window(ts, '1 day 2 hours') AS w, v FROM cw_events ORDER BY v;
SELECT window(CAST('2024-01-01 10:15:00' AS TIMESTAMP), '90 seconds').start;
SELECT window(ts, '1 month') FROM cw_events;
SELECT CAST('héllo' AS BINARY), CAST(s AS BINARY), CAST(X'41' AS BINARY), CAST(CAST(1 AS INT) AS BINARY), CAST(CAST(1 AS BIGINT) AS BINARY), CAST(CAST(-2 AS SMALLINT) AS BINARY), CAST(CAST(3 AS TINYINT) AS BINARY) FROM VALUES ('日本') t(s);
SELECT get_json_object('{"a":[{"b":1},{"b":2}]}', '$.a[*].b'), get_json_object('{"a":["x"]}', '$.a[*]'), get_json_object('{"a":[]}', '$.a[*]'), get_json_object('{"a":[null, 1]}', '$.a[*]'), get_json_object('{"a":[{"b":null},{"b":2}]}', '$.a[*].b'), get_json_object('{"a":{"b":1}}', '$.a[*]'), get_json_object('[1,2]', '$[*]');
SELECT get_json_object('{"a":[[1,2],[3]]}', '$.a[*]'), get_json_object('{"a":[[1,2],[3]]}', '$.a[*][*]'), get_json_object('{"a":[[1,[2,3]],[4]]}', '$.a[*][*]'), get_json_object('{"a":[{"b":[1,2]},{"b":[3]}]}', '$.a[*].b[*]'), get_json_object('{"a":[{"b":[1,2]},{"b":[3]}]}', '$.a[*].b[0]'), get_json_object('{"a":[[5]]}', '$.a[0][*]');
SELECT id, get_json_object(j, '$.a[*].b') AS b FROM cw_docs ORDER BY id;
SELECT get_json_object('{"a":1}', 'a'), get_json_object('{"a":1}', '.a'), get_json_object('{"a":1}', ''), get_json_object('{"a":1}', '$.a');
SELECT get_json_object('[null,1]', '$[0]'), get_json_object('{"a":[null]}', '$.a[0]'), get_json_object('{"a":null}', '$.a'), get_json_object('null', '$'), get_json_object('{"a":[1]}', '$.a[5]');
TRUNCATE TABLE cw_parts PARTITION (p = 1);
SELECT * FROM cw_parts ORDER BY a;
SHOW PARTITIONS cw_parts;
TRUNCATE TABLE cw_parts PARTITION (p = 9, q = 'x');
TRUNCATE TABLE cw_parts;
SELECT count(*) FROM cw_parts;
SHOW PARTITIONS cw_parts;
