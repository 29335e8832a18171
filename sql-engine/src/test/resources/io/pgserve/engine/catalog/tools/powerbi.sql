-- Power BI Desktop's PostgreSQL connector uses the Npgsql 4.0 driver it ships: a public PostgreSQL log of Power BI
-- connecting and loading a table (github.com/datafusion-contrib/datafusion-postgres issue #218, "Power BI startup
-- queries") starts with Npgsql 4.0's "/*** Load all supported types ***/" query, and Power BI's navigator lists
-- tables and columns through Npgsql's GetSchema collections (Npgsql issue #2434 / pull request #2525, "support
-- foreign tables in Power BI"). The texts are from github.com/npgsql/npgsql at tag v4.0.12 (commit
-- 1f6fd66e5befdc7b5142b9d21f0af4edb8a7aebe): src/Npgsql/PostgresDatabaseInfo.cs GenerateTypesQuery (ranges, enums and
-- enum sort order supported, LoadTableComposites off) and src/Npgsql/NpgsqlSchema.cs (a restriction value becomes
-- "AND column = :param", which Npgsql sends as a positional parameter, written ? here). Npgsql 4 sends a command's
-- statements with the extended protocol, one after the other.

-- name: load-types
-- source: npgsql v4.0.12 src/Npgsql/PostgresDatabaseInfo.cs LoadBackendTypes() -> GenerateTypesQuery(true, true, true, false)
-- check: nspname, typname, type, elemoid, ord
-- keep: typname int2|int4|int8|text|_text|varchar|_varchar|numeric|date|timestamptz|jsonb|_jsonb|bool|oid|int4range|_int4range|record|_record|void
-- sort

/*** Load all supported types ***/
SELECT ns.nspname, a.typname, a.oid, a.typrelid, a.typbasetype,
CASE WHEN pg_proc.proname='array_recv' THEN 'a' ELSE a.typtype END AS type,
CASE
  WHEN pg_proc.proname='array_recv' THEN a.typelem
  WHEN a.typtype='r' THEN rngsubtype
  ELSE 0
END AS elemoid,
CASE
  WHEN pg_proc.proname IN ('array_recv','oidvectorrecv') THEN 3    /* Arrays last */
  WHEN a.typtype='r' THEN 2                                        /* Ranges before */
  WHEN a.typtype='d' THEN 1                                        /* Domains before */
  ELSE 0                                                           /* Base types first */
END AS ord
FROM pg_type AS a
JOIN pg_namespace AS ns ON (ns.oid = a.typnamespace)
JOIN pg_proc ON pg_proc.oid = a.typreceive
LEFT OUTER JOIN pg_class AS cls ON (cls.oid = a.typrelid)
LEFT OUTER JOIN pg_type AS b ON (b.oid = a.typelem)
LEFT OUTER JOIN pg_class AS elemcls ON (elemcls.oid = b.typrelid)
LEFT OUTER JOIN pg_range ON (pg_range.rngtypid = a.oid) 
WHERE
  a.typtype IN ('b', 'r', 'e', 'd') OR         /* Base, range, enum, domain */
  (a.typtype = 'c' AND cls.relkind='c') OR /* User-defined free-standing composites (not table composites) by default */
  (pg_proc.proname='array_recv' AND (
    b.typtype IN ('b', 'r', 'e', 'd') OR       /* Array of base, range, enum, domain */
    (b.typtype = 'p' AND b.typname IN ('record', 'void')) OR /* Arrays of special supported pseudo-types */
    (b.typtype = 'c' AND elemcls.relkind='c')  /* Array of user-defined free-standing composites (not table composites) */
  )) OR
  (a.typtype = 'p' AND a.typname IN ('record', 'void'))  /* Some special supported pseudo-types */
ORDER BY ord;

/*** Load field definitions for (free-standing) composite types ***/
SELECT typ.oid, att.attname, att.atttypid
FROM pg_type AS typ
JOIN pg_namespace AS ns ON (ns.oid = typ.typnamespace)
JOIN pg_class AS cls ON (cls.oid = typ.typrelid)
JOIN pg_attribute AS att ON (att.attrelid = typ.typrelid)
WHERE
  (typ.typtype = 'c' AND cls.relkind='c') AND
  attnum > 0 AND     /* Don't load system attributes */
  NOT attisdropped
ORDER BY typ.oid, att.attnum;


/*** Load enum fields ***/
SELECT pg_type.oid, enumlabel
FROM pg_enum
JOIN pg_type ON pg_type.oid=enumtypid
ORDER BY oid, enumsortorder;

-- name: tables
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetTables() without restrictions (GetSchema("Tables"))
-- check: table_catalog, table_schema, table_name, table_type
-- sort

SELECT table_catalog, table_schema, table_name, table_type
FROM information_schema.tables
WHERE table_type IN ('BASE TABLE', 'FOREIGN', 'FOREIGN TABLE') AND table_schema NOT IN ('pg_catalog', 'information_schema')

-- name: views
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetViews() without restrictions (GetSchema("Views"))
-- sort

SELECT table_catalog, table_schema, table_name, check_option, is_updatable
FROM information_schema.views
WHERE table_schema NOT IN ('pg_catalog', 'information_schema')

-- name: columns
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetColumns() with restrictions {null, "public", "review"}
-- params: 'public'; 'review'
-- sort
SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, is_nullable, udt_name AS data_type, character_maximum_length, character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, character_set_catalog, character_set_schema, character_set_name, collation_catalog FROM information_schema.columns WHERE table_schema = ? AND table_name = ?

-- name: indexes
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetIndexes() with restrictions {null, "public", "review"}
-- params: 'public'; 'review'
-- sort
select current_database() as table_catalog,
    n.nspname as table_schema,
    t.relname as table_name,
    i.relname as index_name
from
    pg_catalog.pg_class i join
    pg_catalog.pg_index ix ON ix.indexrelid = i.oid join
    pg_catalog.pg_class t ON ix.indrelid = t.oid join
    pg_attribute a on t.oid = a.attrelid left join
    pg_catalog.pg_user u ON u.usesysid = i.relowner left join
    pg_catalog.pg_namespace n ON n.oid = i.relnamespace
where
    i.relkind = 'i'
    and n.nspname not in ('pg_catalog', 'pg_toast')
    and a.attnum = ANY(ix.indkey)
    and t.relkind = 'r' AND n.nspname = ? AND t.relname = ?

-- name: index-columns
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetIndexColumns() with restrictions {null, "public", "review"}
-- params: 'public'; 'review'
-- sort
select current_database() as table_catalog,
    n.nspname as table_schema,
    t.relname as table_name,
    i.relname as index_name,
    a.attname as column_name
from
    pg_class t join
    pg_index ix on t.oid = ix.indrelid join
    pg_class i on ix.indexrelid = i.oid join
    pg_attribute a on t.oid = a.attrelid left join
    pg_namespace n on i.relnamespace = n.oid
where
    i.relkind = 'i'
    and n.nspname not in ('pg_catalog', 'pg_toast')
    and pg_catalog.pg_table_is_visible(i.oid)
    and a.attnum = ANY(ix.indkey)
    and t.relkind = 'r' AND n.nspname = ? AND t.relname = ?

-- name: foreign-keys
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetConstraints(restrictions {null, "public", "review"}, "ForeignKeys")
-- params: 'public'; 'review'
-- sort
select
  current_database() as "CONSTRAINT_CATALOG",
  pgn.nspname as "CONSTRAINT_SCHEMA",
  pgc.conname as "CONSTRAINT_NAME",
  current_database() as "TABLE_CATALOG",
  pgtn.nspname as "TABLE_SCHEMA",
  pgt.relname as "TABLE_NAME",
  "CONSTRAINT_TYPE",
  pgc.condeferrable as "IS_DEFERRABLE",
  pgc.condeferred as "INITIALLY_DEFERRED"
from pg_catalog.pg_constraint pgc
inner join pg_catalog.pg_namespace pgn on pgc.connamespace = pgn.oid
inner join pg_catalog.pg_class pgt on pgc.conrelid = pgt.oid
inner join pg_catalog.pg_namespace pgtn on pgt.relnamespace = pgtn.oid
inner join (
select 'PRIMARY KEY' as "CONSTRAINT_TYPE", 'p' as "contype" union all
select 'FOREIGN KEY' as "CONSTRAINT_TYPE", 'f' as "contype" union all
select 'UNIQUE KEY' as "CONSTRAINT_TYPE", 'u' as "contype"
) mapping_table on mapping_table.contype = pgc.contype and pgc.contype='f' AND pgtn.nspname = ? AND pgt.relname = ?

-- name: constraint-columns
-- source: npgsql v4.0.12 src/Npgsql/NpgsqlSchema.cs GetConstraintColumns() with restrictions {null, "public", "review"}
-- params: 'public'; 'review'
-- sort
select current_database() as constraint_catalog,
    n.nspname as constraint_schema,
    c.conname as constraint_name,
    current_database() as table_catalog,
    n.nspname as table_schema,
    t.relname as table_name,
    a.attname as column_name,
    a.attnum as ordinal_number,
    mapping_table.constraint_type
from pg_constraint c
inner join pg_namespace n on n.oid = c.connamespace
inner join pg_class t on t.oid = c.conrelid and t.relkind = 'r'
inner join pg_attribute a on t.oid = a.attrelid and a.attnum = ANY(c.conkey)
inner join (
select 'PRIMARY KEY' as constraint_type, 'p' as contype union all
select 'FOREIGN KEY' as constraint_type, 'f' as contype union all
select 'UNIQUE KEY' as constraint_type, 'u' as contype
) mapping_table on mapping_table.contype = c.contype
and n.nspname not in ('pg_catalog', 'pg_toast') AND n.nspname = ? AND t.relname = ?

-- name: discard
-- source: datafusion-postgres #218 trace (Npgsql resets a pooled connection before reuse)
DISCARD ALL
