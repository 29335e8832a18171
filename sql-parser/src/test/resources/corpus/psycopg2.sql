-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/psycopg2.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
BEGIN
-- #####
select id, name from app.customers where id = 1 and name = 'a'
-- #####
COMMIT
-- #####
COPY public.items TO STDOUT WITH (FORMAT csv)
-- #####
select 1
