-- Spark functions the DuckDB engine lacked: try_add/try_subtract/try_multiply (NULL on overflow) with try_divide, try_mod, try_element_at and try_sum, width_bucket, get and array_insert (negative positions), url_encode, url_decode and parse_url (java.net.URI's parts and query keys).
-- First run before any fitting: 3 of the 39 queries matched Spark (try_element_at, try_sum/try_avg, and get on a map refused); try_add/try_subtract/try_multiply, try_mod, width_bucket, get, try_url_decode and parse_url were unknown routines, array_insert padded no NULLs, url_encode/url_decode were DuckDB's own.
-- setup
CREATE TABLE fm_nums (id INT, a INT, b INT, big BIGINT, d DOUBLE, arr ARRAY<INT>, pos INT) USING parquet;
INSERT INTO fm_nums VALUES (1, 2147483647, 1, 9223372036854775807, 12.5, array(10, 20, 30), 1), (2, -2147483648, 2, -9223372036854775808, 99.99, array(10, 20, 30), -1), (3, 46341, 46341, 4611686018427387904, -3.0, array(), 2), (4, NULL, 5, NULL, NULL, NULL, NULL), (5, 7, -3, 10, 100.0, array(1, NULL), 5);
CREATE TABLE fm_urls (id INT, url STRING, txt STRING) USING parquet;
INSERT INTO fm_urls VALUES (1, 'https://user@shop.example.com:8443/cart/items?q=red+shoes&page=2#top', 'a b&c=d'), (2, 'http://example.com/search?q=%E4%BD%A0%E5%A5%BD', '你好 world'), (3, 'ftp://files.example.org/pub/readme.txt', '100% sure?'), (4, 'not a url', NULL), (5, NULL, '~tilde*star-dash_under.dot'), (6, '/relative/path?q=1&q=2', 'x+y=z/w');
-- queries
SELECT try_add(2147483647, 1), try_add(1, 2), try_subtract(-2147483648, 1), try_subtract(5, 3);
SELECT try_multiply(2147483647, 2), try_multiply(3, 4), try_add(9223372036854775807, 1), try_add(2147483647, 1L);
SELECT try_add(CAST(1 AS TINYINT), CAST(127 AS TINYINT)), try_add(CAST(1 AS SMALLINT), 2), try_add(1.5, 2), try_add(NULL, 1);
SELECT try_add(99999999999999999999999999999999999999, 1), try_multiply(1e308, 10), try_add(1.5D, 2), try_subtract(0.5, 1.25);
SELECT id, try_add(a, b) AS s, try_subtract(a, b) AS d, try_multiply(a, b) AS p FROM fm_nums ORDER BY id;
SELECT id, try_multiply(big, 2), try_add(big, a), try_subtract(big, 1) FROM fm_nums ORDER BY id;
SELECT try_add(DATE '2024-01-31', 1), try_subtract(DATE '2024-03-01', 1), try_add(DATE '2024-01-31', INTERVAL 1 MONTH);
SELECT try_add(INTERVAL 1 DAY, INTERVAL 2 HOUR), try_multiply(INTERVAL 2 DAY, 3), try_subtract(DATE '2024-03-01', DATE '2024-01-01');
SELECT try_divide(1, 0), try_divide(7, 2), try_divide(7.0, 2), try_mod(7, 0), try_mod(7, 3);
SELECT try_element_at(array(1, 2, 3), 5), try_element_at(array(1, 2, 3), -1), try_element_at(map('a', 1), 'b'), try_element_at(map('a', 1), 'a');
SELECT try_sum(big), try_sum(a), try_avg(a) FROM fm_nums;
SELECT width_bucket(5.3, 0.2, 10.6, 5), width_bucket(-2.1, 1.3, 3.4, 3), width_bucket(8.1, 0.0, 5.7, 4), width_bucket(-0.9, 5.2, 0.5, 2);
SELECT width_bucket(5, 0, 10, 0), width_bucket(NULL, 0, 10, 5), width_bucket(5, 0, 0, 5), width_bucket(5, 10, 0, 5), width_bucket(10, 0, 10, 5), width_bucket(0, 0, 10, 5);
SELECT width_bucket(5, 0, 10, -1), width_bucket(double('nan'), 0, 10, 3), width_bucket(5, 0, double('inf'), 3), width_bucket('5', 0, 10, 2), width_bucket(5, 0, 10, 2.7);
SELECT id, d, width_bucket(d, 0, 100, 4) AS bucket, width_bucket(a, -10, 10, pos) AS by_pos FROM fm_nums ORDER BY id;
SELECT get(array(1, 2, 3), 0), get(array(1, 2, 3), 3), get(array(1, 2, 3), -1), get(array('a', NULL), 1), get(array(1), NULL);
SELECT id, get(arr, pos) AS at_pos, get(arr, 0) AS first FROM fm_nums ORDER BY id;
SELECT get(map('a', 1), 'a');
SELECT array_insert(array(1, 2, 3), 1, 9), array_insert(array(1, 2, 3), 4, 9), array_insert(array(1, 2, 3), 6, 9), array_insert(array(1, 2, 3), -1, 9);
SELECT array_insert(array(1, 2, 3), -3, 9), array_insert(array(1, 2, 3), -4, 9), array_insert(array(1, 2, 3), -5, 9), array_insert(array(1, 2, 3), 2, NULL);
SELECT array_insert(array('a'), 2, 'b'), array_insert(array(1, 2), 1, 5L), array_insert(array(), 3, 1), array_insert(array(1, 2, 3), CAST(NULL AS INT), 9);
SELECT array_insert(array(1, 2, 3), 0, 9);
SELECT id, array_insert(arr, pos, id) AS inserted FROM fm_nums ORDER BY id;
SELECT url_encode('a b+c%d/é?x=1&y=2'), url_encode('~*-._!''()'), url_encode(''), url_encode(NULL);
SELECT url_decode('a+b%20c%2Bd%C3%A9'), url_decode(NULL), url_decode('plain'), url_decode('%7e%7E');
SELECT url_decode('100%');
SELECT try_url_decode('%zz'), try_url_decode('a+b');
SELECT id, txt, url_encode(txt) AS enc, url_decode(url_encode(txt)) AS back FROM fm_urls ORDER BY id;
SELECT parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'HOST'), parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'PATH'), parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'QUERY'), parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'REF');
SELECT parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'PROTOCOL'), parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'FILE'), parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'AUTHORITY'), parse_url('http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag', 'USERINFO');
SELECT parse_url('http://www.example.com/a?x=1&y=2&x=3', 'QUERY', 'x'), parse_url('http://www.example.com/a?x=1&y=2', 'QUERY', 'z'), parse_url('http://www.example.com/a?xx=1&x=2', 'QUERY', 'x'), parse_url('http://www.example.com/a?x=&y=2', 'QUERY', 'x'), parse_url('http://www.example.com/a', 'QUERY', 'y');
SELECT parse_url('http://www.example.com/a?x=1', 'host'), parse_url('http://www.example.com/a?x=1', 'PORT'), parse_url('http://www.example.com/a?x=1', 'HOST', 'x'), parse_url(NULL, 'HOST'), parse_url('http://x.com', NULL);
SELECT parse_url('not a url', 'HOST'), parse_url('http://a b.com/', 'HOST'), parse_url('http://x.com/a%zz', 'PATH'), parse_url('', 'HOST'), parse_url('', 'PATH');
SELECT parse_url('www.example.com/a?x=1', 'HOST'), parse_url('www.example.com/a?x=1', 'PATH'), parse_url('mailto:joe@x.com', 'PROTOCOL'), parse_url('mailto:joe@x.com', 'PATH'), parse_url('file:///tmp/x.txt', 'PATH'), parse_url('file:///tmp/x.txt', 'AUTHORITY');
SELECT parse_url('http://www.example.com', 'PATH'), parse_url('http://www.example.com', 'FILE'), parse_url('http://www.example.com', 'QUERY'), parse_url('http://x.com/p?', 'QUERY'), parse_url('http://x.com/p#', 'REF'), parse_url('http://x.com?a=1', 'FILE');
SELECT parse_url('HTTP://User@Www.Example.COM:80/P?Q=1#R', 'HOST'), parse_url('HTTP://User@Www.Example.COM:80/P?Q=1#R', 'PROTOCOL'), parse_url('https://x.com:/p', 'AUTHORITY'), parse_url('https://x.com:/p', 'HOST'), parse_url('http://my_host.com/p', 'HOST'), parse_url('http://my_host.com/p', 'AUTHORITY');
SELECT id, parse_url(url, 'HOST') AS host, parse_url(url, 'PATH') AS path, parse_url(url, 'QUERY', 'q') AS q, parse_url(url, 'REF') AS ref FROM fm_urls ORDER BY id;
SELECT id, parse_url(url, 'PROTOCOL'), parse_url(url, 'USERINFO'), parse_url(url, 'FILE') FROM fm_urls ORDER BY id;
SELECT parse_url(url, 'HOST') AS host, count(*) AS n FROM fm_urls GROUP BY parse_url(url, 'HOST') ORDER BY host;
