"""Round trips of every common type through psycopg 3 and asyncpg against a pgserve echo server.

Run by ExtendedClientsTest: /usr/bin/python3 roundtrip.py (psycopg|asyncpg) PORT
The server echoes its parameters back, typed as bound (SELECT $1::type returns $1). Exits 0 when every value comes
back equal, else prints each mismatch and exits 1.
"""
import asyncio
import datetime as dt
import decimal
import sys
import uuid

UTC = dt.timezone.utc
VALUES = [
    ("bool", True),
    ("int2", -32768),
    ("int4", 2147483647),
    ("int8", -9223372036854775808),
    ("float8", 0.1 + 0.2),
    ("float8", float("inf")),
    ("numeric", decimal.Decimal("-12345678901234567890.000000000000000000012345")),
    ("numeric", decimal.Decimal("1.10")),
    ("text", "héllo, 世界 😀 ' \" \\"),
    ("text", ""),
    ("varchar", "v"),
    ("bytea", b"\x00\x01\xff\\'"),
    ("uuid", uuid.UUID("12345678-1234-5678-1234-567812345678")),
    ("date", dt.date(2024, 2, 29)),
    ("date", dt.date(1, 1, 1)),
    ("time", dt.time(23, 59, 59, 999999)),
    ("timestamp", dt.datetime(1999, 12, 31, 23, 59, 59, 123456)),
    ("timestamptz", dt.datetime(2024, 3, 10, 9, 30, 0, tzinfo=UTC)),
    ("interval", dt.timedelta(days=3, seconds=4, microseconds=5)),
    ("text[]", ["a", "b c", "", None, "NULL"]),
]
# asyncpg has built-in codecs only for text[] and oid[] among arrays: for other array types it runs its type
# introspection query against pg_catalog, which pgserve answers once the catalog emulation exists. psycopg needs no
# catalog for them.
CATALOG_FOR_ASYNCPG = [
    ("int4[]", [1, None, -3]),
    ("int8[]", []),
]


def report(client, failures, total):
    for f in failures:
        print(f"{client}: {f}")
    print(f"{client}: {total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def run_psycopg(port):
    import psycopg
    failures = []
    with psycopg.connect(f"host=127.0.0.1 port={port} user=u dbname=postgres", autocommit=True) as conn:
        for binary in (True, False):
            for typ, value in VALUES + CATALOG_FOR_ASYNCPG:
                try:
                    for _ in range(3):  # prepare=True: the first run prepares, later ones reuse the statement
                        with conn.cursor(binary=binary) as cur:
                            cur.execute(f"SELECT %s::{typ}", [value], prepare=True)
                            got = cur.fetchone()[0]
                except Exception as e:  # report every type, not just the first failure
                    failures.append(f"binary={binary} {typ}: {type(e).__name__}: {e}")
                    continue
                if got != value:
                    failures.append(f"binary={binary} {typ}: sent {value!r}, got {got!r}")
        with conn.cursor() as cur:
            cur.execute("SELECT n FROM generate(10000)")
            if sum(r[0] for r in cur) != 49995000:
                failures.append("generate(10000) sum")
    return report("psycopg", failures, 2 * len(VALUES + CATALOG_FOR_ASYNCPG) + 1)


async def asyncpg_main(port):
    import asyncpg
    failures = []
    conn = await asyncpg.connect(host="127.0.0.1", port=port, user="u", database="postgres", ssl=False)
    try:
        for typ, value in VALUES:
            try:
                got = await conn.fetchval(f"SELECT $1::{typ}", value)
            except Exception as e:  # report every type, not just the first failure
                failures.append(f"{typ}: {type(e).__name__}: {e}")
                continue
            if got != value:
                failures.append(f"{typ}: sent {value!r}, got {got!r}")
        stmt = await conn.prepare("SELECT $1::int4, $2::text")
        for i in range(100):
            row = await stmt.fetchrow(i, str(i))
            if tuple(row) != (i, str(i)):
                failures.append(f"prepared row {i}: {tuple(row)!r}")
                break
        total = 0
        async with conn.transaction():
            async for record in conn.cursor("SELECT n FROM generate(10000)", prefetch=500):
                total += record[0]
        if total != 49995000:
            failures.append(f"cursor sum {total}")
    finally:
        await conn.close()
    print(f"asyncpg: not run until pg_catalog exists: {', '.join(t for t, _ in CATALOG_FOR_ASYNCPG)}")
    return report("asyncpg", failures, len(VALUES) + 2)


if __name__ == "__main__":
    client, port = sys.argv[1], int(sys.argv[2])
    sys.exit(run_psycopg(port) if client == "psycopg" else asyncio.run(asyncpg_main(port)))
