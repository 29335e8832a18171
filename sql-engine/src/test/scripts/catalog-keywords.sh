#!/bin/sh
# Regenerates src/main/resources/io/pgserve/engine/internal/catalog/pg15-keywords.txt, the rows of PostgreSQL 15's
# pg_get_keywords() (word|catcode|barelabel|catdesc|baredesc), read from a running PostgreSQL 15 whose messages are
# in English (lc_messages C), so that pgserve's pg_get_keywords() answers the same.
# Usage: catalog-keywords.sh [psql connection options]   (e.g. -h 127.0.0.1 -p 55437 -U postgres)
set -e
out="$(dirname "$0")/../../main/resources/io/pgserve/engine/internal/catalog/pg15-keywords.txt"
{
  echo "# PostgreSQL 15's pg_get_keywords(): word|catcode|barelabel|catdesc|baredesc, in its order."
  echo "# Regenerate: sql-engine/src/test/scripts/catalog-keywords.sh"
  PGOPTIONS="-c lc_messages=C" psql "$@" -X -At -c "select word, catcode, barelabel, catdesc, baredesc from pg_get_keywords()"
} > "$out.new"
mv "$out.new" "$out"
