-- Window functions and frames (ROWS and RANGE), ranking, offsets, aggregates over windows.
-- setup
CREATE TABLE win_t (dept STRING, emp STRING, salary INT, hired DATE) USING parquet;
INSERT INTO win_t VALUES ('eng', 'ann', 100, DATE '2020-01-01'), ('eng', 'bob', 120, DATE '2021-06-01'), ('eng', 'cid', 120, DATE '2022-03-01'), ('ops', 'dan', 80, DATE '2019-05-05'), ('ops', 'eve', 90, DATE '2023-01-01'), ('hr', 'fay', 70, DATE '2020-07-07');
-- queries
SELECT emp, row_number() OVER (ORDER BY salary DESC, emp) FROM win_t ORDER BY emp;
SELECT emp, rank() OVER (ORDER BY salary DESC) FROM win_t ORDER BY emp;
SELECT emp, dense_rank() OVER (ORDER BY salary DESC) FROM win_t ORDER BY emp;
SELECT emp, rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r FROM win_t ORDER BY emp;
SELECT emp, percent_rank() OVER (ORDER BY salary) FROM win_t ORDER BY emp;
SELECT emp, cume_dist() OVER (ORDER BY salary) FROM win_t ORDER BY emp;
SELECT emp, ntile(2) OVER (ORDER BY salary, emp) FROM win_t ORDER BY emp;
SELECT emp, lag(salary) OVER (ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, lead(salary, 1, 0) OVER (ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, lag(salary, 2) OVER (PARTITION BY dept ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, first_value(emp) OVER (PARTITION BY dept ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, last_value(emp) OVER (PARTITION BY dept ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, last_value(emp) OVER (PARTITION BY dept ORDER BY hired ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM win_t ORDER BY emp;
SELECT emp, nth_value(emp, 2) OVER (PARTITION BY dept ORDER BY hired ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM win_t ORDER BY emp;
SELECT emp, sum(salary) OVER (PARTITION BY dept) FROM win_t ORDER BY emp;
SELECT emp, sum(salary) OVER (ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, sum(salary) OVER (ORDER BY salary) FROM win_t ORDER BY emp;
SELECT emp, sum(salary) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM win_t ORDER BY emp;
SELECT emp, avg(salary) OVER (ORDER BY hired ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM win_t ORDER BY emp;
SELECT emp, sum(salary) OVER (ORDER BY salary RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING) FROM win_t ORDER BY emp;
SELECT emp, count(*) OVER (PARTITION BY dept) FROM win_t ORDER BY emp;
SELECT emp, max(salary) OVER (PARTITION BY dept ORDER BY hired ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM win_t ORDER BY emp;
SELECT emp, min(salary) OVER w FROM win_t WINDOW w AS (PARTITION BY dept) ORDER BY emp;
SELECT dept, emp FROM (SELECT dept, emp, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, emp) AS rn FROM win_t) WHERE rn = 1 ORDER BY dept;
SELECT emp, salary - avg(salary) OVER (PARTITION BY dept) AS diff FROM win_t ORDER BY emp;
SELECT emp, typeof(row_number() OVER (ORDER BY emp)), typeof(rank() OVER (ORDER BY emp)) FROM win_t WHERE emp = 'ann';
SELECT emp, typeof(sum(salary) OVER ()) FROM win_t WHERE emp = 'ann';
SELECT emp, sum(salary) OVER () FROM win_t ORDER BY emp;
SELECT dept, sum(sum(salary)) OVER (ORDER BY dept) FROM win_t GROUP BY dept ORDER BY dept;
SELECT emp, collect_list(emp) OVER (PARTITION BY dept ORDER BY hired) FROM win_t ORDER BY emp;
SELECT emp, lag(emp) OVER (PARTITION BY dept ORDER BY hired) IS NULL AS first_in_dept FROM win_t ORDER BY emp;
SELECT emp, count(salary) OVER (ORDER BY hired ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM win_t ORDER BY emp;
SELECT emp, avg(salary) OVER (PARTITION BY dept ORDER BY hired ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM win_t ORDER BY emp;
