-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/asyncpg.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
select id, name, created from app.customers where id = $1
-- #####
select id, tags, meta, amount from app.orders where customer_id = $1
-- #####
select $1::text[]
-- #####
select 1; select 2
-- #####
BEGIN;
-- #####
insert into public.items values (30, 'z')
-- #####
COMMIT;
-- #####
COPY "public"."items" TO STDOUT 
