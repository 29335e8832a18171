-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/sqla20_asyncpg.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
SELECT
    t.oid,
    t.typelem     AS elemtype,
    t.typtype     AS kind
FROM
    pg_catalog.pg_type AS t
WHERE
    t.oid = $1
-- #####
BEGIN;
-- #####
select pg_catalog.version()
-- #####
select current_schema()
-- #####
show transaction isolation level
-- #####
show standard_conforming_strings
-- #####
ROLLBACK;
-- #####
select id from app.customers where id = $1
-- #####
SELECT pg_catalog.pg_class.relname 
FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace 
WHERE pg_catalog.pg_class.relkind = ANY (ARRAY[$1::VARCHAR, $2::VARCHAR]) AND pg_catalog.pg_class.relpersistence != $3::CHAR AND pg_catalog.pg_namespace.nspname = $4::VARCHAR
