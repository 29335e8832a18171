-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/psycopg3.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
BEGIN
-- #####
select id, name from app.customers where id = $1
-- #####
select $1::int + 1, $2
-- #####
COPY public.items (id, label) FROM STDIN
-- #####
ROLLBACK
-- #####
DEALLOCATE ALL
-- #####
SELECT
    typname AS name, oid, typarray AS array_oid,
    oid::regtype::text AS regtype, typdelim AS delimiter
FROM pg_type t
WHERE t.oid = $1::regtype
ORDER BY t.oid
-- #####
COMMIT
-- #####
insert into public.items values ($1, $2)
-- #####
DECLARE "srv" CURSOR FOR select * from public.items
-- #####
FETCH FORWARD 1 FROM "srv"
-- #####
CLOSE "srv"
