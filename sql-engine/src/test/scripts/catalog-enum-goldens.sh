#!/bin/sh
# Records PostgreSQL 15's psql output for the enum part of the catalog differential test (EnumCatalogGoldenTest):
# builds src/test/resources/io/pgserve/engine/catalog/schema-enums.sql in a scratch database of a running
# PostgreSQL 15 and writes psql's output of each meta-command of psql-commands-enums.txt to
# goldens/psql-enums-<name>.out. A sibling of catalog-goldens.sh, whose schema it leaves alone.
# Usage: PGHOST=127.0.0.1 PGPORT=55437 PGUSER=postgres catalog-enum-goldens.sh   (the role must be postgres)
. "$(dirname "$0")/goldens-common.sh"
db=pgserve_catalog_enums
fresh_db "$db" "$res/schema-enums.sql"
psql_meta_commands "$db" "$res/psql-commands-enums.txt" psql-enums-
drop_db "$db"
