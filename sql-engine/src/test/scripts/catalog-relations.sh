#!/bin/sh
# Regenerates src/main/resources/io/pgserve/engine/internal/catalog/pg15-relations.txt: the column names and types
# of the PostgreSQL 15 system relations pgserve emulates, read from a running PostgreSQL 15.
# Usage: catalog-relations.sh [psql connection options]   (e.g. -h 127.0.0.1 -p 55437 -U postgres)
set -e
out="$(dirname "$0")/../../main/resources/io/pgserve/engine/internal/catalog/pg15-relations.txt"
names=$(grep -v '^#' "$out" | cut -d'|' -f1 | sed "s/.*/'&'/" | paste -sd, -)
{
  echo "# PostgreSQL 15's system relations that pgserve emulates: schema.relation|oid|relkind|column:type,... in attnum order,"
  echo "# as PostgreSQL 15 reports them (format_type). Regenerate: sql-engine/src/test/scripts/catalog-relations.sh"
  psql "$@" -At -c "select n.nspname||'.'||c.relname, c.oid, c.relkind,
      (select string_agg(a.attname||':'||format_type(a.atttypid,a.atttypmod), ',' order by attnum)
         from pg_attribute a where a.attrelid=c.oid and attnum>0)
    from pg_class c join pg_namespace n on n.oid=c.relnamespace
    where n.nspname||'.'||c.relname in ($names) and c.relkind in ('r','v') order by 1"
} > "$out.new"
mv "$out.new" "$out"

types="$(dirname "$0")/../../main/resources/io/pgserve/engine/internal/catalog/pg15-types.txt"
oids=$(grep -v '^#' "$types" | cut -d'|' -f1 | paste -sd, -)
{
  head -3 "$types"
  psql "$@" -At -c "select oid, typname, typbyval, typtype, typispreferred, typdelim, typsubscript, typinput, typoutput,
      typreceive, typsend, typmodin, typmodout, typanalyze, typalign, typstorage, typcollation
    from pg_type where oid in ($oids) order by oid"
} > "$types.new"
mv "$types.new" "$types"
