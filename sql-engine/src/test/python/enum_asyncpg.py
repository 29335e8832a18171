"""asyncpg with a user-defined enum type, an enum[] and an int4[] column: asyncpg has no codec for the enum's OID,
so its introspection query (over pg_type, pg_namespace, pg_range...) must run and find typtype 'e' and the array's
typelem. Usage: python3 enum_asyncpg.py PORT. Prints one line per result; the same lines as against PostgreSQL 15."""
import asyncio
import sys

import asyncpg


async def main():
    c = await asyncpg.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', database='postgres',
                              timeout=5)
    try:
        await c.execute("drop table if exists enum_person; drop type if exists mood")
        await c.execute("create type mood as enum ('sad', 'ok', 'happy')")
        await c.execute("create table enum_person (id int primary key, m mood, ms mood[], n int4[])")
        await c.execute("insert into enum_person values ($1, $2, $3, $4)", 1, 'happy', ['sad', 'ok'], [1, 2])
        await c.executemany("insert into enum_person values ($1, $2, $3, $4)",
                            [(2, 'sad', [], [3]), (3, None, None, None), (4, 'ok', ['happy', None], [])])
        for r in await c.fetch("select id, m, ms, n from enum_person order by m, id"):
            print(r['id'], repr(r['m']), r['ms'], r['n'])
        print(await c.fetch("select id from enum_person where m > $1 order by id", 'sad'))
        print(repr(await c.fetchval("select $1::mood", 'ok')), await c.fetchval("select enum_range($1::mood, null)",
                                                                               'ok'))
        try:
            await c.execute("insert into enum_person values ($1, $2)", 9, 'nope')
        except asyncpg.PostgresError as e:
            print(type(e).__name__, e.sqlstate, e)
        t = await c.fetchrow("select typname, typtype from pg_type where oid = $1::regtype", 'mood')
        print(t['typname'], t['typtype'])
    except Exception as e:  # the test reads the message
        print('ERROR', type(e).__name__, e)
    finally:
        await c.execute("drop table if exists enum_person; drop type if exists mood")
        await c.close()


asyncio.run(main())
