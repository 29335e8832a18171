#!/bin/sh
# Records PostgreSQL 15's text for the views and CHECK constraints of
# src/test/resources/io/pgserve/engine/internal/catalog/deparse.sql (pg_get_viewdef(v, true), pg_get_viewdef(v),
# pg_get_constraintdef(c, true), pg_get_constraintdef(c), pg_get_expr of table dflt's defaults) as deparse-goldens.txt, which ViewTextGoldenTest compares
# with pgserve's text without a server. Usage: PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres deparse-goldens.sh
set -e
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../resources/io/pgserve/engine/internal/catalog"
db=pgserve_deparse_goldens
psql -X -q -d postgres -c "drop database if exists $db" -c "create database $db"
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "$res/deparse.sql"
psql -X -q -d "$db" -A -t -v ON_ERROR_STOP=1 -o "$res/deparse-goldens.txt" <<'SQL'
select string_agg(t, E'\n' order by k) from (
  select c.relname || '1' as k, '### view ' || c.relname || ' pretty' || E'\n' || pg_get_viewdef(c.oid, true) as t
    from pg_class c where c.relkind = 'v' and c.relnamespace = 'public'::regnamespace
  union all
  select c.relname || '2', '### view ' || c.relname || ' plain' || E'\n' || pg_get_viewdef(c.oid)
    from pg_class c where c.relkind = 'v' and c.relnamespace = 'public'::regnamespace
  union all
  select k.conname || '1', '### check ' || k.conname || ' pretty' || E'\n' || pg_get_constraintdef(k.oid, true)
    from pg_constraint k where k.contype = 'c' and k.connamespace = 'public'::regnamespace
  union all
  select k.conname || '2', '### check ' || k.conname || ' plain' || E'\n' || pg_get_constraintdef(k.oid)
    from pg_constraint k where k.contype = 'c' and k.connamespace = 'public'::regnamespace
  union all
  select a.attname || '1', '### default ' || a.attname || ' pretty' || E'\n' || pg_get_expr(d.adbin, d.adrelid, true)
    from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
   where d.adrelid = 'dflt'::regclass
  union all
  select a.attname || '2', '### default ' || a.attname || ' plain' || E'\n' || pg_get_expr(d.adbin, d.adrelid)
    from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
   where d.adrelid = 'dflt'::regclass
) x;
SQL
psql -X -q -d postgres -c "drop database $db"
