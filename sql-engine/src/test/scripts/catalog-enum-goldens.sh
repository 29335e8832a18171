#!/bin/sh
# Records PostgreSQL 15's psql output for the enum part of the catalog differential test (EnumCatalogGoldenTest):
# builds src/test/resources/io/pgserve/engine/catalog/schema-enums.sql in a scratch database of a running
# PostgreSQL 15 and writes psql's output of each meta-command of psql-commands-enums.txt to
# goldens/psql-enums-<name>.out. A sibling of catalog-goldens.sh, whose schema it leaves alone.
# Usage: PGHOST=127.0.0.1 PGPORT=55437 PGUSER=postgres catalog-enum-goldens.sh   (the role must be postgres)
set -e
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../resources/io/pgserve/engine/catalog"
db=pgserve_catalog_enums
psql -X -q -d postgres -c "drop database if exists $db" -c "create database $db"
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "$res/schema-enums.sql"
grep -v '^#' "$res/psql-commands-enums.txt" | while IFS='|' read -r name command; do
  [ -n "$name" ] || continue
  psql -X -d "$db" -P pager=off -c "$command" > "$res/goldens/psql-enums-$name.out" 2>&1 || true
done
psql -X -q -d postgres -c "drop database $db"
