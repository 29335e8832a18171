-- Distinct statements (Query and Parse messages) of /work/shared/client-traces/odbc_isql.wire.log,
-- one entry per message, entries separated by a line "-- #####".
-- #####
SET DateStyle = 'ISO';SET extra_float_digits = 2;show transaction_isolation
-- #####
select oid, typbasetype from pg_type where typname = 'lo'
-- #####
select id, name from app.customers
-- #####
DEALLOCATE "_PLAN0x55d0d4bde690"
