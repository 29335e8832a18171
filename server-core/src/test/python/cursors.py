"""psycopg2's named (server-side) cursors — DECLARE, FETCH FORWARD n, CLOSE underneath — against pgserve.

Run by SqlCommandsClientsTest: /usr/bin/python3 cursors.py PORT. Exits 0 when 10000 rows arrive in itersize batches.
"""
import sys

import psycopg2


def main(port):
    conn = psycopg2.connect(f"host=127.0.0.1 port={port} user=u dbname=postgres sslmode=disable")
    with conn.cursor(name="big") as cur:
        cur.itersize = 777
        cur.execute("SELECT n FROM generate(10000)")
        total = sum(row[0] for row in cur)
    conn.commit()
    with conn.cursor(name="some") as cur:
        cur.execute("SELECT n FROM generate(100)")
        first = cur.fetchmany(5)
        rest = cur.fetchall()
    conn.rollback()
    ok = total == 49995000 and [r[0] for r in first] == [0, 1, 2, 3, 4] and len(rest) == 95
    print(f"psycopg2 named cursors: total={total} first={first} rest={len(rest)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
