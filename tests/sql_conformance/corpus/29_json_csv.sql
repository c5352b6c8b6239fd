-- JSON schema inference (schema_of_json, and from_json with its result), CSV text (to_csv, from_csv, schema_of_csv), xxhash64 and the SHA digests: written before the DuckDB engine supported them.
-- First run before any fitting: 5 of the 40 queries matched Spark on DuckDB (4 of them because both refused: schema_of_json was an unknown routine; and sha1/sha2 of a column); while fitting, the sha2 query was split in two and two to_csv/from_csv queries added (backslashes, quotes, line breaks): all 43 match now but schema_of_csv and sha2 of 224/384/512 bits, which the DuckDB engine refuses (known_differences.toml).
-- setup
CREATE TABLE jc_rows (id INT, name STRING, amount DECIMAL(7,2), day DATE, ts TIMESTAMP, ok BOOLEAN, line STRING) USING parquet;
INSERT INTO jc_rows VALUES (1, 'plain', 12.50, DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05', true, '1,abc'), (2, 'a,b', -3.00, NULL, TIMESTAMP '2024-06-30 23:59:59.123456', false, 'x,y'), (3, 'say "hi"', NULL, DATE '1999-12-31', NULL, NULL, '7'), (4, NULL, 0.10, DATE '2024-02-29', TIMESTAMP '1970-01-01 00:00:00', true, NULL);
-- queries
SELECT schema_of_json('{"a":1,"b":[1.5,2],"c":null,"d":"x"}');
SELECT schema_of_json('{"b":1,"a":{"z":true,"y":[]}}');
SELECT schema_of_json('[1, 2, 3]'), schema_of_json('[1, "a", null]'), schema_of_json('[1, 2.5]'), schema_of_json('[]'), schema_of_json('[[1],[2.5]]');
SELECT schema_of_json('12345678901234567890'), schema_of_json('123456789012345678901234567890123456789012'), schema_of_json('1e3'), schema_of_json('null'), schema_of_json('"x"'), schema_of_json('true'), schema_of_json('-0');
SELECT schema_of_json('{"a":9223372036854775807,"b":9223372036854775808,"c":-9223372036854775809,"d":99999999999999999999999999999999999999,"e":999999999999999999999999999999999999999}');
SELECT schema_of_json('[1, 12345678901234567890]'), schema_of_json('[1.5, 12345678901234567890]'), schema_of_json('[12345678901234567890, 123456789012345678901234567890]');
SELECT schema_of_json('[{"a":1},{"b":"x"}]'), schema_of_json('[{"a":1},{"a":"x"}]'), schema_of_json('[{"a":1},{"a":1.5}]'), schema_of_json('[{"a":1},{"a":{"b":1}}]');
SELECT schema_of_json('{}'), schema_of_json('[{}]'), schema_of_json('{"a":[{}]}'), schema_of_json('{"a":{}}'), schema_of_json('{"":1}');
SELECT schema_of_json('{"a b":1,"c`d":2,"e:f":3,"_g":4,"H":5,"1a":6,"123":7,"é":8}');
SELECT schema_of_json('[{"A":1},{"a":2}]'), schema_of_json('{"A":1,"a":2}'), schema_of_json('{"a":1, "a":"x"}');
SELECT schema_of_json('{"a":true,"b":[true,1],"c":[1,[2]],"d":[{"a":1}, 5],"e":[null],"f":[[]]}');
SELECT schema_of_json('{"a":NaN,"b":Infinity,"c":-Infinity,"d":1.5e400,"e":0.1,"f":1.0}');
SELECT schema_of_json('{\'a\':1}'), schema_of_json('  {"a":1}  '), schema_of_json('{"a":1} {"b":2}'), schema_of_json(''), schema_of_json(concat('{"a":', '1}'));
SELECT schema_of_json('{"a":"2024-01-01","b":"2024-01-01T00:00:00","c":"x\\u00e9"}');
SELECT schema_of_json('not json');
SELECT schema_of_json('{"a":01}');
SELECT schema_of_json(NULL);
SELECT schema_of_json(name) FROM jc_rows;
SELECT schema_of_json('{"a":1}') AS s, typeof(schema_of_json('{"a":1}'));
SELECT id, schema_of_json('[{"k":1}]') FROM jc_rows ORDER BY id;
SELECT from_json('{"a":1,"b":[1.5]}', schema_of_json('{"a":1,"b":[1.5]}'));
SELECT from_json('{"a":1,"b":[1.5]}', schema_of_json('{"a":1,"b":[1.5]}')).b, typeof(from_json('{"a":1}', schema_of_json('{"a":1}')));
SELECT from_json('[1,2]', schema_of_json('[0]')), from_json('{"a":"x"}', schema_of_json('[1]'));
SELECT to_csv(named_struct('a', 1, 'b', 'x')), to_csv(struct(1, 'a')), to_csv(NULL);
SELECT to_csv(named_struct('a', 1, 'b', 'x,y', 'c', 'q"z', 'd', CAST(NULL AS STRING), 'e', ''));
SELECT to_csv(named_struct('a', 1.5D, 'b', CAST(2.50 AS DECIMAL(5,2)), 'c', DATE '2024-01-02', 'd', TIMESTAMP '2024-01-02 03:04:05.123456', 'e', true, 'f', 1e10D, 'g', CAST(1.0E-5 AS DOUBLE)));
SELECT to_csv(named_struct('a', ' lead', 'b', 'trail ', 'c', 'back\\slash', 'd', '#x'));
SELECT to_csv(named_struct('a', 'a\\b,c', 'b', 'x\\', 'c', 'p\\q"', 'd', '\\,', 'e', 'x\ry'));
SELECT id, to_csv(named_struct('id', id, 'name', name, 'amount', amount, 'day', day, 'ts', ts, 'ok', ok)) AS line FROM jc_rows ORDER BY id;
SELECT from_csv('1,abc', 'a INT, b STRING'), from_csv('1,abc', 'a INT, b STRING').b, typeof(from_csv('1,abc', 'a INT, b STRING'));
SELECT from_csv('x,abc', 'a INT, b STRING'), from_csv('1', 'a INT, b STRING'), from_csv('1,2,3', 'a INT, b INT'), from_csv('', 'a INT, b STRING'), from_csv(NULL, 'a INT, b STRING'), from_csv(',', 'a INT, b STRING');
SELECT from_csv('"x,y",2', 'a STRING, b INT'), from_csv('1.5,true,99999999999', 'a DOUBLE, b BOOLEAN, c BIGINT');
SELECT id, from_csv(line, 'a INT, b STRING') AS r FROM jc_rows ORDER BY id;
SELECT to_csv(named_struct('a', 'y\n', 'b', '\n \ny', 'c', ' a,b ')), from_csv('.",2-,2', 'a INT, b STRING, c DOUBLE, d STRING');
SELECT schema_of_csv('1,abc,1.5,true,2024-01-01');
SELECT xxhash64('Spark'), xxhash64(''), xxhash64(NULL), xxhash64(1), xxhash64(1, 'a'), xxhash64(CAST(1 AS BIGINT)), xxhash64(true), xxhash64(CAST(-5 AS SMALLINT));
SELECT xxhash64(X'00FF80'), xxhash64(DATE '2024-01-01'), xxhash64(TIMESTAMP '2024-01-01 00:00:00'), xxhash64(1.5D), xxhash64(CAST(1.5 AS FLOAT)), xxhash64(1.5);
SELECT xxhash64('abcdefghijklmnopqrstuvwxyz0123456789'), xxhash64('héllo'), xxhash64('abcdefgh'), xxhash64('abcdefghijk'), xxhash64('0123456789abcdefghijklmnopqrstuv');
SELECT id, xxhash64(id), xxhash64(name), xxhash64(id, name, day) FROM jc_rows ORDER BY id;
SELECT sha1('Spark'), sha('Spark'), sha2('Spark', 0), sha2('Spark', 256), sha2('Spark', 100);
SELECT sha2('Spark', 224), sha2('Spark', 384), sha2('Spark', 512);
SELECT sha1(NULL), sha2(NULL, 256), sha1(X'00'), sha2(X'00', 256), typeof(xxhash64(1)), typeof(sha1('a')), typeof(sha2('a', 256));
SELECT id, sha1(name), sha2(name, 256) FROM jc_rows ORDER BY id;
