-- Tableau's PostgreSQL connector (Tableau 8 to 2020.x) sits on psqlODBC with "Use Declare/Fetch": a public Tableau
-- log (github.com/treasure-data/prestogres issue #29, Tableau 9.0) shows it sending show "lc_collate" and an
-- information_schema.columns query, and Aircloak's PostgreSQL-protocol front end, written to serve Tableau
-- (github.com/Aircloak/aircloak air/lib/air/psql_server/special_queries/tableau.ex, commit
-- 0a17952719ff04310b7e6d178fff9191c7d2afcb), documents what Tableau sends through psqlODBC: the catalog queries of
-- SQLTables, SQLStatistics, SQLPrimaryKeys and SQLForeignKeys wrapped as one Query "BEGIN;declare "SQL_CUR..." cursor
-- for ...;fetch 100 in "SQL_CUR..."", SQLColumns' query as it is. The psqlODBC query texts are psqlODBC 13.02's for
-- PostgreSQL 15, as recorded in the project's ../shared/client-traces/pyodbc.wire.log (a psqlODBC 13.02 trace; not part
-- of the build) with the trace's names replaced by the test schema's. psqlODBC sends everything as
-- simple Query messages. (Tableau 2020.4 and later use pgjdbc instead: its DatabaseMetaData is CatalogGoldenTest's.)

-- name: connect
-- source: psqlODBC 13.02 connect (pyodbc.wire.log line 19)
-- mode: simple
SET DateStyle = 'ISO';SET extra_float_digits = 2;show transaction_isolation

-- name: large-object-type
-- source: psqlODBC 13.02 connect (pyodbc.wire.log line 26)
-- mode: simple
select oid, typbasetype from pg_type where typname = 'lo'

-- name: collation
-- source: Tableau 9.0's log in prestogres issue #29; tableau.ex/common.ex of Aircloak answer it
-- mode: simple
-- check: count
show "lc_collate"

-- name: all-columns
-- source: Tableau 9.0 in prestogres issue #29 ("keeps running the following query")
-- mode: simple
-- check: table_schema, table_name, column_name, is_nullable, data_type
-- keep: table_name author|book|review|good_reviews
-- sort
select table_schema, table_name, column_name, is_nullable, data_type from information_schema.columns

-- name: tables-cursor
-- source: Aircloak tableau.ex (cursor_query?, "select relname, nspname, relkind from"): psqlODBC SQLTables query
-- (pyodbc.wire.log line 30, schema 'public') inside BEGIN;declare ... cursor for ...;fetch 100
-- mode: simple
BEGIN;declare "SQL_CUR0x3f1a3eb0" cursor for select relname, nspname, relkind from pg_catalog.pg_class c, pg_catalog.pg_namespace n where relkind in ('r', 'v', 'm', 'f', 'p') and nspname like 'public' and nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'pg_temp_1') and n.oid = relnamespace order by nspname, relname;fetch 100 in "SQL_CUR0x3f1a3eb0"

-- name: tables-cursor-close
-- source: Aircloak common.ex (close_cursor_query?: close "SQL_CUR...") and the transaction's end
-- mode: simple
close "SQL_CUR0x3f1a3eb0";COMMIT

-- name: columns
-- source: Aircloak tableau.ex (table_name_from_table_info_query, "select n.nspname ... relname = '...'"): psqlODBC
-- SQLColumns query (pyodbc.wire.log line 138, table 'review')
-- mode: simple
-- check: nspname, relname, attname, atttypid, typname, attnum, attlen, atttypmod, attnotnull, relhasrules, relkind, pg_get_expr, case, typtypmod, attidentity, relhassubclass
select n.nspname, c.relname, a.attname, a.atttypid, t.typname, a.attnum, a.attlen, a.atttypmod, a.attnotnull, c.relhasrules, c.relkind, c.oid, pg_get_expr(d.adbin, d.adrelid), case t.typtype when 'd' then t.typbasetype else 0 end, t.typtypmod, 0, attidentity, c.relhassubclass from (((pg_catalog.pg_class c inner join pg_catalog.pg_namespace n on n.oid = c.relnamespace and c.relname = 'review' and n.nspname = 'public') inner join pg_catalog.pg_attribute a on (not a.attisdropped) and a.attnum > 0 and a.attrelid = c.oid) inner join pg_catalog.pg_type t on t.oid = a.atttypid) left outer join pg_attrdef d on a.atthasdef and d.adrelid = a.attrelid and d.adnum = a.attnum order by n.nspname, c.relname, attnum

-- name: primary-key-cursor
-- source: Aircloak tableau.ex ("select ta.attname, ia.attnum ... ia.attrelid = i.indexrelid", in a cursor):
-- psqlODBC SQLPrimaryKeys query (pyodbc.wire.log line 40, table 'book')
-- mode: simple
BEGIN;declare "SQL_CUR0x3f1a4000" cursor for select ta.attname, ia.attnum, ic.relname, n.nspname, tc.relname from pg_catalog.pg_attribute ta, pg_catalog.pg_attribute ia, pg_catalog.pg_class tc, pg_catalog.pg_index i, pg_catalog.pg_namespace n, pg_catalog.pg_class ic where tc.relname = 'book' AND n.nspname = 'public' AND tc.oid = i.indrelid AND n.oid = tc.relnamespace AND i.indisprimary = 't' AND ia.attrelid = i.indexrelid AND ta.attrelid = i.indrelid AND ta.attnum = i.indkey[ia.attnum-1] AND (NOT ta.attisdropped) AND (NOT ia.attisdropped) AND ic.oid = i.indexrelid order by ia.attnum;fetch 100 in "SQL_CUR0x3f1a4000"

-- name: primary-key-cursor-close
-- source: as tables-cursor-close
-- mode: simple
close "SQL_CUR0x3f1a4000";COMMIT

-- name: statistics-cursor
-- source: Aircloak tableau.ex ("select c.relname, i.indkey", in a cursor): psqlODBC SQLStatistics query
-- (pyodbc.wire.log line 143, table 'review')
-- mode: simple
-- check: relname, indkey, indisunique, indisclustered, amname, relhasrules, nspname, indoption
BEGIN;declare "SQL_CUR0x3f1a4100" cursor for select c.relname, i.indkey, i.indisunique, i.indisclustered, a.amname, c.relhasrules, n.nspname, c.oid, 0, i.indoption from pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class d, pg_catalog.pg_am a, pg_catalog.pg_namespace n where d.relname = 'review' and n.nspname = 'public' and n.oid = d.relnamespace and d.oid = i.indrelid and i.indexrelid = c.oid and c.relam = a.oid order by i.indisprimary desc, i.indisunique, n.nspname, c.relname;fetch 100 in "SQL_CUR0x3f1a4100"

-- name: statistics-cursor-close
-- source: as tables-cursor-close
-- mode: simple
close "SQL_CUR0x3f1a4100";COMMIT

-- name: foreign-keys-cursor
-- source: Aircloak tableau.ex (SQLForeignKeys in a cursor; psqlODBC 13.02's query is pyodbc.wire.log lines 45-112,
-- here for the keys referencing 'author', database name 'pgserve_catalog_goldens')
-- mode: simple
BEGIN;declare "SQL_CUR0x3f1a4200" cursor for select	'pgserve_catalog_goldens'::name as "PKTABLE_CAT",
	n2.nspname as "PKTABLE_SCHEM",
	c2.relname as "PKTABLE_NAME",
	a2.attname as "PKCOLUMN_NAME",
	'pgserve_catalog_goldens'::name as "FKTABLE_CAT",
	n1.nspname as "FKTABLE_SCHEM",
	c1.relname as "FKTABLE_NAME",
	a1.attname as "FKCOLUMN_NAME",
	i::int2 as "KEY_SEQ",
	case ref.confupdtype
		when 'c' then 0::int2
		when 'n' then 2::int2
		when 'd' then 4::int2
		when 'r' then 1::int2
		else 3::int2
	end as "UPDATE_RULE",
	case ref.confdeltype
		when 'c' then 0::int2
		when 'n' then 2::int2
		when 'd' then 4::int2
		when 'r' then 1::int2
		else 3::int2
	end as "DELETE_RULE",
	ref.conname as "FK_NAME",
	cn.conname as "PK_NAME",
	case
		when ref.condeferrable then
			case
			when ref.condeferred then 5::int2
			else 6::int2
			end
		else 7::int2
	end as "DEFERRABILITY"
 from
 ((((((( (select cn.oid, conrelid, conkey, confrelid, confkey,
	 generate_series(array_lower(conkey, 1), array_upper(conkey, 1)) as i,
	 confupdtype, confdeltype, conname,
	 condeferrable, condeferred
  from pg_catalog.pg_constraint cn,
	pg_catalog.pg_class c,
	pg_catalog.pg_namespace n
  where contype = 'f' 
   and  confrelid = c.oid
   and  relname = 'author'
   and  n.oid = c.relnamespace
   and  n.nspname = 'public'
 ) ref
 inner join pg_catalog.pg_class c1
  on c1.oid = ref.conrelid)
 inner join pg_catalog.pg_namespace n1
  on  n1.oid = c1.relnamespace)
 inner join pg_catalog.pg_attribute a1
  on  a1.attrelid = c1.oid
  and  a1.attnum = conkey[i])
 inner join pg_catalog.pg_class c2
  on  c2.oid = ref.confrelid)
 inner join pg_catalog.pg_namespace n2
  on  n2.oid = c2.relnamespace)
 inner join pg_catalog.pg_attribute a2
  on  a2.attrelid = c2.oid
  and  a2.attnum = confkey[i])
 left outer join pg_catalog.pg_constraint cn
  on cn.conrelid = ref.confrelid
  and cn.contype = 'p')
  order by ref.oid, ref.i;fetch 100 in "SQL_CUR0x3f1a4200"

-- name: foreign-keys-cursor-close
-- source: as tables-cursor-close
-- mode: simple
close "SQL_CUR0x3f1a4200";COMMIT
