"""SQLAlchemy's reflection of the catalog test schema (schema.sql), printed as text that SqlAlchemyCatalogTest compares
with PostgreSQL 15's (goldens/sqlalchemy.out, recorded by catalog-goldens.sh).
Usage: python3 catalog_sqlalchemy.py HOST PORT DATABASE. One section per inspector call; errors are printed, not raised,
so that every call is compared."""
import sys

import sqlalchemy
from sqlalchemy import inspect


def show(label, call):
    try:
        value = call()
    except Exception as e:  # the comparison shows which call failed and how
        value = 'ERROR %s: %s' % (type(e).__name__, str(e).split('\n')[0])
    if isinstance(value, list):
        print('%s:' % label)
        for item in value:
            print('  %s' % (canonical(item),))
    else:
        print('%s: %s' % (label, canonical(value)))


def canonical(value):
    """dicts with sorted keys, types as their SQL text (repr would name Python classes only)."""
    if isinstance(value, dict):
        return '{' + ', '.join('%r: %s' % (k, canonical(value[k])) for k in sorted(value)) + '}'
    if isinstance(value, (list, tuple)):
        return '[' + ', '.join(canonical(v) for v in value) + ']'
    if isinstance(value, sqlalchemy.types.TypeEngine):
        return '%s<%s>' % (type(value).__name__, value.compile(dialect=engine.dialect))
    return repr(value)


engine = sqlalchemy.create_engine('postgresql+psycopg2://postgres@%s:%s/%s' % tuple(sys.argv[1:4]))
with engine.connect() as conn:
    # parsed from version(); the major version picks the dialect's queries (the minor differs between installations)
    print('server major version: %r' % (engine.dialect.server_version_info[0],))
    print('default_schema_name: %r' % (engine.dialect.default_schema_name,))
    insp = inspect(conn)
    show('get_schema_names', lambda: sorted(s for s in insp.get_schema_names() if s != 'pg_toast'))
    show('get_table_names', lambda: sorted(insp.get_table_names()))
    show('get_view_names', lambda: sorted(insp.get_view_names()))
    show('get_sequence_names', lambda: sorted(insp.get_sequence_names()))
    for view in sorted(insp.get_view_names()):
        show('get_view_definition(%s)' % view, lambda: insp.get_view_definition(view))
        show('get_columns(%s)' % view, lambda: insp.get_columns(view))
    for table in sorted(insp.get_table_names()):
        show('get_columns(%s)' % table, lambda: insp.get_columns(table))
        show('get_pk_constraint(%s)' % table, lambda: insp.get_pk_constraint(table))
        show('get_foreign_keys(%s)' % table, lambda: insp.get_foreign_keys(table))
        show('get_foreign_keys(%s, schema=public)' % table, lambda: insp.get_foreign_keys(table, schema='public'))
        show('get_indexes(%s)' % table, lambda: insp.get_indexes(table))
        show('get_unique_constraints(%s)' % table, lambda: insp.get_unique_constraints(table))
        show('get_check_constraints(%s)' % table, lambda: insp.get_check_constraints(table))
        show('get_table_comment(%s)' % table, lambda: insp.get_table_comment(table))
    show('has_table(author)', lambda: insp.has_table('author'))
    show('has_table(nope)', lambda: insp.has_table('nope'))
    show('has_sequence(author_id_seq)', lambda: engine.dialect.has_sequence(conn, 'author_id_seq'))
    show('get_foreign_table_names', lambda: insp.get_foreign_table_names())
    show('get_enums', lambda: insp.get_enums())
    show('get_columns(author, schema=public)', lambda: insp.get_columns('author', schema='public'))
    # reflecting a whole MetaData runs the same queries per table, the way applications use it
    md = sqlalchemy.MetaData()
    show('MetaData.reflect', lambda: md.reflect(bind=conn) or sorted(md.tables))
