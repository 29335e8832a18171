-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/pgx4.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
select name from app.customers where id = $1
-- #####
select id, m from app.people
-- #####
select 1
-- #####
select $1::text
