-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/sqla14_asyncpg.wire.log,
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
BEGIN ISOLATION LEVEL READ COMMITTED;
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
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind in ('r', 'p')
