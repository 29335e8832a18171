#!/bin/sh
# Records PostgreSQL 15's answers to the catalog differential test (CatalogGoldenTest) as golden files, so that the
# test (and CI) needs no PostgreSQL: builds src/test/resources/io/pgserve/engine/catalog/schema.sql in a scratch
# database of a running PostgreSQL 15, writes psql's output of each meta-command of psql-commands.txt to
# goldens/psql-<name>.out (a command line may hold several commands separated by "|", run in turn), what psql's tab
# completion gives (src/test/python/psql_completion.py, goldens/psql-completion.out), then runs the test's JDBC part
# against it in recording mode (goldens/jdbc-*.out), and
# ToolQueriesTest's BI-tool queries (resources .../catalog/tools/*.sql) the same way (goldens/tools-*.out).
# Usage (from the repository root or anywhere): PGHOST=127.0.0.1 PGPORT=55437 PGUSER=postgres catalog-goldens.sh
# The role must be named postgres (the outputs name the owner). Pass -Dmaven.repo.local=... in MAVEN_ARGS if needed.
. "$(dirname "$0")/goldens-common.sh"
db=pgserve_catalog_goldens
fresh_db "$db" "$res/schema.sql"
psql_meta_commands "$db" "$res/psql-commands.txt" psql-
/usr/bin/python3 "$module/src/test/python/psql_completion.py" "$PGHOST" "$PGPORT" "$db" > "$res/goldens/psql-completion.out"
(cd "$module/.." && mvn -q $MAVEN_ARGS -pl sql-engine test -Dtest='CatalogGoldenTest#jdbcMetaDataMatchesPostgres,ToolQueriesTest#recordGoldensWhenAsked' \
  -Dpgserve.goldens.record="jdbc:postgresql://$PGHOST:$PGPORT/$db?user=$PGUSER")
drop_db "$db"
