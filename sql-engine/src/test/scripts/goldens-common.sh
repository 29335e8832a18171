# The common part of the goldens scripts (catalog-goldens.sh, catalog-enum-goldens.sh, client-goldens.sh), sourced by
# them: PostgreSQL 15's connection from PGHOST, PGPORT and PGUSER (127.0.0.1, 5432 and postgres by default), the
# paths ($here: the scripts, $module: sql-engine, $res: the catalog test resources) and the scratch database steps.
set -e
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
here="$(cd "$(dirname "$0")" && pwd)"
module="$here/../../.."
res="$module/src/test/resources/io/pgserve/engine/catalog"

# fresh_db DB [SCHEMA_FILE]: (re)creates the scratch database DB and runs SCHEMA_FILE in it. pgserve's collation and
# ctype are C (code-point order), so the database is made with locale C (psql's \l shows them).
fresh_db() {
  psql -X -q -d postgres -c "drop database if exists $1" \
    -c "create database $1 template template0 encoding 'UTF8' locale 'C'"
  if [ -n "$2" ]; then
    psql -X -q -d "$1" -v ON_ERROR_STOP=1 -f "$2"
  fi
}

# drop_db DB: drops the scratch database DB.
drop_db() {
  psql -X -q -d postgres -c "drop database $1"
}

# psql_meta_commands DB COMMANDS_FILE PREFIX: psql's output (errors included) of each name|command line of
# COMMANDS_FILE in DB, written to $res/goldens/PREFIXname.out. A line may hold several commands separated by "|"
# (psql runs each -c in turn).
psql_meta_commands() {
  local db="$1" prefix="$3"
  grep -v '^#' "$2" | while IFS='|' read -r name command; do
    [ -n "$name" ] || continue
    set --
    rest="$command"
    while :; do
      set -- "$@" -c "${rest%%|*}"
      [ "$rest" != "${rest#*|}" ] || break
      rest="${rest#*|}"
    done
    psql -X -d "$db" -P pager=off "$@" > "$res/goldens/$prefix$name.out" 2>&1 || true
  done
}
