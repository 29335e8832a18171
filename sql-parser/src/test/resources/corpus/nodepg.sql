-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/nodepg.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
select id, name from app.customers
-- #####
select id, name from app.customers where id = $1
-- #####
select id from app.customers where id = $1
-- #####
select $1::int as x
