"""asyncpg introspects types it has no codec for (enums, int4[] in some paths) with a query over pg_type,
pg_namespace and pg_range. Usage: python3 catalog_asyncpg.py PORT. Prints one line per query."""
import asyncio
import sys

import asyncpg


async def main():
    c = await asyncpg.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', database='postgres',
                              timeout=5)
    try:
        print(await c.fetchval('select name from author where id = $1', 1))
        print(await c.fetchval('select $1::int4[]', [1, 2, 3]))
        print(await c.fetchval('select $1::int8[]', [4, 5]))
    except Exception as e:  # the test reads the message
        print('ERROR', type(e).__name__, e)
    finally:
        await c.close()


asyncio.run(main())
