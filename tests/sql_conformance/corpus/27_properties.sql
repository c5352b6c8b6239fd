-- TBLPROPERTIES of tables and views: set at CREATE, SET and UNSET by ALTER TABLE or ALTER VIEW, SHOW TBLPROPERTIES, and Spark's refusals of the wrong ALTER.
-- whole
-- setup
CREATE TABLE pr_t (a INT, s STRING) USING parquet TBLPROPERTIES ('team' = 'etl', 'layer' = 'raw');
INSERT INTO pr_t VALUES (1, 'x'), (2, 'y');
CREATE VIEW pr_v TBLPROPERTIES ('z.key' = '1', 'a.key' = '2') AS SELECT a FROM pr_t WHERE a > 1;
-- queries
SHOW TBLPROPERTIES pr_t;
ALTER TABLE pr_t SET TBLPROPERTIES ('bucket' = 'b1', 'team' = 'ops');
SHOW TBLPROPERTIES pr_t;
SHOW TBLPROPERTIES pr_t ('team');
SHOW TBLPROPERTIES pr_t ('nope');
ALTER TABLE pr_t UNSET TBLPROPERTIES ('layer', 'absent');
SHOW TBLPROPERTIES pr_t;
SHOW TBLPROPERTIES pr_v;
ALTER VIEW pr_v SET TBLPROPERTIES ('m.key' = '3');
SHOW TBLPROPERTIES pr_v;
SHOW TBLPROPERTIES pr_v ('m.key');
ALTER VIEW pr_v UNSET TBLPROPERTIES ('z.key', 'absent');
SHOW TBLPROPERTIES pr_v;
ALTER VIEW pr_v UNSET TBLPROPERTIES IF EXISTS ('absent');
ALTER TABLE pr_v SET TBLPROPERTIES ('q' = '1');
ALTER TABLE pr_v UNSET TBLPROPERTIES ('a.key');
ALTER VIEW pr_t SET TBLPROPERTIES ('q' = '1');
ALTER VIEW pr_t UNSET TBLPROPERTIES ('team');
SELECT * FROM pr_v;
SHOW TBLPROPERTIES pr_v;
SHOW TBLPROPERTIES pr_t;
ALTER TABLE pr_t SET TBLPROPERTIES ('owner' = 'me');
CREATE TABLE pr_o (a INT) USING parquet TBLPROPERTIES ('location' = '/x');
CREATE TABLE pr_p (a INT) USING parquet TBLPROPERTIES ('provider' = 'orc');
CREATE TABLE pr_e (a INT) USING parquet TBLPROPERTIES ('external' = 'true');
ALTER TABLE pr_t UNSET TBLPROPERTIES ('owner');
CREATE TABLE pr_c (a INT) USING parquet TBLPROPERTIES ('OWNER' = 'me', 'comment' = 'c');
SHOW TBLPROPERTIES pr_c;
CREATE VIEW pr_w TBLPROPERTIES ('owner' = 'me') AS SELECT 1 AS one;
SHOW TBLPROPERTIES pr_w;
CREATE TABLE pr_d (a INT) USING parquet COMMENT 'real' TBLPROPERTIES ('comment' = 'c', 'k' = 'v');
SHOW TBLPROPERTIES pr_d;
ALTER TABLE pr_d SET TBLPROPERTIES ('comment' = 'new');
SHOW TBLPROPERTIES pr_d;
SHOW CREATE TABLE pr_d;
SHOW TABLES LIKE 'pr_*';
