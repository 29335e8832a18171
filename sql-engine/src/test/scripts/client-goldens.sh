#!/bin/sh
# Records PostgreSQL 15's answers for the real-client catalog tests as golden files, so that the tests (and CI) need
# no PostgreSQL: builds src/test/resources/io/pgserve/engine/catalog/schema.sql in a scratch database of a running
# PostgreSQL 15, then writes
#   goldens/sqlalchemy.out   src/test/python/catalog_sqlalchemy.py's reflection (SqlAlchemyCatalogTest)
#   goldens/odbc-NAME.out    isql with psqlODBC running odbc-NAME.txt (OdbcCatalogTest)
#   goldens/catalog-pieces.out   psql running catalog-pieces.sql (CatalogPiecesTest)
# and in another scratch database, after pgbench -i (tables and primary keys, no rows),
#   goldens/pgbench-startup.out   psql running pgbench-startup.sql (PgbenchCatalogTest)
# Usage (from anywhere): PGHOST=127.0.0.1 PGPORT=55437 PGUSER=postgres client-goldens.sh
# Needs /usr/bin/python3 with sqlalchemy and psycopg2, unixODBC's isql and odbc-postgresql (as .ci/run installs).
# The role must be named postgres (the clients connect as postgres).
. "$(dirname "$0")/goldens-common.sh"
db=pgserve_catalog_goldens
fresh_db "$db" "$res/schema.sql"
/usr/bin/python3 "$module/src/test/python/catalog_sqlalchemy.py" "$PGHOST" "$PGPORT" "$db" > "$res/goldens/sqlalchemy.out"
for name in memdb raw; do
  isql -v -k "Driver={PostgreSQL Unicode};Server=$PGHOST;Port=$PGPORT;Database=$db;Uid=$PGUSER;Pwd=;CommLog=0" -b '-d|' -c \
    < "$res/odbc-$name.txt" > "$res/goldens/odbc-$name.out"
done
psql -X -d "$db" -P pager=off < "$res/catalog-pieces.sql" > "$res/goldens/catalog-pieces.out" 2>&1
drop_db "$db"
bench=pgserve_pgbench_goldens
fresh_db "$bench"
pgbench=/usr/lib/postgresql/15/bin/pgbench
"$pgbench" -i -I dtp -q "$bench" > /dev/null 2>&1
psql -X -d "$bench" -P pager=off -f "$res/pgbench-startup.sql" > "$res/goldens/pgbench-startup.out" 2>&1
drop_db "$bench"
