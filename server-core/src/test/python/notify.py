"""LISTEN/NOTIFY through psycopg2 (conn.notifies) and asyncpg (add_listener) against pgserve.

Run by NotificationsTest: /usr/bin/python3 notify.py (psycopg2|asyncpg) PORT. Exits 0 when the listener gets the
notification another connection sends.
"""
import asyncio
import select
import sys


def run_psycopg2(port):
    import psycopg2
    dsn = f"host=127.0.0.1 port={port} user=u dbname=postgres sslmode=disable"
    listener = psycopg2.connect(dsn)
    listener.autocommit = True
    listener.cursor().execute("LISTEN jobs")
    notifier = psycopg2.connect(dsn)
    notifier.autocommit = True
    notifier.cursor().execute("NOTIFY jobs, 'job 7'")
    if select.select([listener], [], [], 10) == ([], [], []):
        print("psycopg2: no notification within 10 s")
        return 1
    listener.poll()
    got = [(n.channel, n.payload) for n in listener.notifies]
    print(f"psycopg2: {got}")
    return 0 if got == [("jobs", "job 7")] else 1


async def run_asyncpg(port):
    import asyncpg
    listener = await asyncpg.connect(host="127.0.0.1", port=port, user="u", database="postgres", ssl=False)
    notifier = await asyncpg.connect(host="127.0.0.1", port=port, user="u", database="postgres", ssl=False)
    received = asyncio.get_running_loop().create_future()
    await listener.add_listener("jobs", lambda conn, pid, channel, payload: received.set_result((channel, payload)))
    await notifier.execute("NOTIFY jobs, 'job 8'")
    got = await asyncio.wait_for(received, 10)
    print(f"asyncpg: {got}")
    await listener.close()
    await notifier.close()
    return 0 if got == ("jobs", "job 8") else 1


if __name__ == "__main__":
    client, port = sys.argv[1], int(sys.argv[2])
    sys.exit(run_psycopg2(port) if client == "psycopg2" else asyncio.run(run_asyncpg(port)))
