-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/postgresjs.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####

      select b.oid, b.typarray
      from pg_catalog.pg_type a
      left join pg_catalog.pg_type b on b.oid = a.typelem
      where a.typcategory = 'A'
      group by b.oid, b.typarray
      order by b.oid
    
-- #####
select id, name from app.customers where id = $1
-- #####
select tags, meta from app.orders where customer_id = $1
-- #####
select 1 as a
-- #####
select $1::text as c
-- #####
select 2 as b
-- #####
begin 
-- #####
select 3
-- #####
commit
-- #####
select 4; select 5
