-- DBeaver's PostgreSQL plugin, from github.com/dbeaver/dbeaver at commit 2428359b748778a5a345432906ab3da69289c20c
-- (2024-10-24), directory plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql (below: P/).
-- DBeaver runs them through pgjdbc as prepared statements; the branches taken are those for server_version 15
-- (isServerVersionAtLeast(10, 0) etc.) with DBeaver's default settings. A public trace of the same start-up:
-- github.com/datafusion-contrib/datafusion-postgres issue #135 ("dbeaver startup queries").

-- name: version
-- source: P/model/PostgreDataSource.java initialize(): JDBCUtils.queryString(session, "SELECT version()")
-- check: count
SELECT version()

-- name: has-pg_enum
-- source: P/model/PostgreDataSource.java initialize() -> P/PostgreUtils.java isMetaObjectExists("pg_enum", "*")
SELECT * FROM pg_catalog.pg_enum WHERE 1<>1 LIMIT 1

-- name: has-reltype
-- source: P/model/PostgreDataSource.java initialize() -> P/PostgreUtils.java isMetaObjectExists("pg_class", "reltype")
SELECT reltype FROM pg_catalog.pg_class WHERE 1<>1 LIMIT 1

-- name: database
-- source: P/model/PostgreDatabase.java readDatabaseInfo(), ? = the connection's database name
-- params: current_database()::text
-- check: datname, datistemplate, datallowconn, datconnlimit
SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=?

-- name: setting
-- source: P/model/PostgreDataSource.java SettingCache.prepareLookupStatement(), ? = standard_conforming_strings
-- (preloaded by initializeRemoteInstance)
-- params: 'standard_conforming_strings'
-- check: name, setting, vartype
select * from pg_catalog.pg_settings where name=?

-- name: context-defaults
-- source: P/model/PostgreExecutionContext.java refreshDefaults()
SELECT current_schema(),session_user

-- name: search-path
-- source: P/model/PostgreExecutionContext.java refreshDefaults()
SHOW search_path

-- name: schemas
-- source: P/model/PostgreDatabase.java SchemaCache.prepareLookupStatement() (no schema filter)
-- check: nspname, description
-- keep: nspname public|pg_catalog|information_schema
SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass
 ORDER BY nspname

-- name: data-types
-- source: P/model/PostgreDatabase.java cacheDataTypes() with readAllTypes=false and typcategory supported (>= 10),
-- base type name clause of P/model/PostgreDataTypeCache.java getBaseTypeNameClause() (>= 7.3)
-- check: typname, typtype, typcategory, typlen, typelem, typarray, relkind, base_type_name
-- keep: typname int2|int4|int8|text|_text|varchar|numeric|date|timestamptz|jsonb|bool|oid
-- sort
SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description
FROM pg_catalog.pg_type t
LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem 
LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid
LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid
WHERE t.typname IS NOT NULL
AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C')

-- name: enum-values
-- source: P/model/PostgreDatabase.java, the enum value cache's statement (pg_enum exists)
SELECT * FROM pg_catalog.pg_enum

-- name: roles
-- source: P/model/PostgreDatabase.java RoleCache.prepareObjectsStatement() (comments on roles supported)
-- check: rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolconnlimit, description
-- keep: rolname postgres
SELECT a.oid,a.*,pd.description FROM pg_catalog.pg_roles a 
left join pg_catalog.pg_shdescription pd on a.oid = pd.objoid
ORDER BY a.rolname

-- name: tables
-- source: P/model/PostgreSchema.java TableCache.prepareLookupStatement() (server >= 10), ? = the oid of public
-- params: 'public'::regnamespace::oid
-- check: relname, relkind, relpersistence, relhasindex, relispartition, relnatts, relchecks, description, partition_expr, partition_key
-- sort
SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key 
FROM pg_catalog.pg_class c
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
WHERE c.relnamespace=? AND c.relkind not in ('i','I','c')

-- name: table
-- source: the same with a table name (DBeaver refreshing one table), ? = the oid of public, 'review'
-- params: 'public'::regnamespace::oid; 'review'
-- check: relname, relkind, relhasindex, relnatts, relchecks, description, partition_expr, partition_key
SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key 
FROM pg_catalog.pg_class c
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
WHERE c.relnamespace=? AND c.relkind not in ('i','I','c') AND relname=?

-- name: columns-of-schema
-- source: P/model/PostgreSchema.java TableCache.prepareChildrenStatement() for a schema (sequences supported),
-- ? = the oid of public
-- params: 'public'::regnamespace::oid
-- check: relname, attname, atttypid, attlen, attnum, atttypmod, attndims, attnotnull, atthasdef, attidentity, attgenerated, def_value, description
-- sort
SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid
FROM pg_catalog.pg_attribute a
INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)
LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)
LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid
WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.relnamespace=?
ORDER BY a.attnum

-- name: columns-of-table
-- source: the same for one table, ? = the oid of review
-- params: 'review'::regclass::oid
-- check: relname, attname, atttypid, attnum, atttypmod, attndims, attnotnull, atthasdef, attidentity, def_value, description
SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid
FROM pg_catalog.pg_attribute a
INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)
LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)
LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid
WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?
ORDER BY a.attnum

-- name: constraints
-- source: P/model/PostgreSchema.java ConstraintCache.prepareObjectsStatement() for a schema (constraint expression
-- column supported), ? = the oid of public
-- params: 'public'::regnamespace::oid
-- check: conname, contype, tabrelname, refnamespace, conkey, confkey, confupdtype, confdeltype, confmatchtype, condeferrable, convalidated, description, consrc_copy
-- sort
SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,d.description, case when c.contype='c' then "substring"(pg_get_constraintdef(c.oid), 7) else null end consrc_copy
FROM pg_catalog.pg_constraint c
INNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid
LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_constraint'::regclass
WHERE t.relnamespace=?
ORDER BY c.oid

-- name: indexes
-- source: P/model/PostgreSchema.java IndexCache.prepareObjectsStatement() for a schema (expression indexes and
-- relation sizes supported), ? = the oid of public
-- params: 'public'::regnamespace::oid
-- check: relname, tabrelname, indnatts, indnkeyatts, indisunique, indisprimary, indisexclusion, indimmediate, indisvalid, keys, indoption, description, pred_expr, expr
SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,c.reltablespace,tc.relname as tabrelname,dsc.description,pg_catalog.pg_get_expr(i.indpred, i.indrelid) as pred_expr,pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr,pg_catalog.pg_relation_size(i.indexrelid) as index_rel_size,pg_catalog.pg_stat_get_numscans(i.indexrelid) as index_num_scans
FROM pg_catalog.pg_index i
INNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid
INNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid
LEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid
WHERE  c.relnamespace=? ORDER BY c.relname

-- name: procedures
-- source: P/model/PostgreSchema.java ProceduresCache.prepareLookupStatement() (>= 8.4), ? = the oid of public
-- params: 'public'::regnamespace::oid
-- check: proname
SELECT p.oid as poid,p.*,pg_catalog.pg_get_expr(p.proargdefaults, 0) as arg_defaults,d.description
FROM pg_catalog.pg_proc p
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=p.oid and d.classoid='pg_proc'::regclass  AND d.objsubid = 0
WHERE p.pronamespace=?
ORDER BY p.proname

-- name: inheritance
-- source: P/model/PostgreSchema.java cacheTableInheritance(), ? = the oid of public
-- params: 'public'::regnamespace::oid
SELECT i.inhrelid relid, pc.relnamespace parent_ns, pc.oid parent_oid, i.inhseqno
FROM pg_catalog.pg_inherits i, pg_class rc, pg_class pc
WHERE rc.oid=i.inhrelid AND rc.relnamespace=? AND pc.oid=i.inhparent

-- name: relation-sizes
-- source: P/model/PostgreSchema.java collectObjectStatistics(), ? = the oid of public
-- params: 'public'::regnamespace::oid
-- check: count
select c.oid,pg_catalog.pg_total_relation_size(c.oid) as total_rel_size,pg_catalog.pg_relation_size(c.oid) as rel_size
FROM pg_class c
WHERE c.relnamespace=?
