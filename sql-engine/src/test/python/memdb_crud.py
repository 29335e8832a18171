"""CRUD, parameters of several types, a rolled-back transaction and errors with their SQLSTATE, through psycopg 3 or
psycopg2 against memdb.

Run by MemDbClientsTest: /usr/bin/python3 memdb_crud.py (psycopg|psycopg2) PORT
Exits 0 when every check passes, 1 (printing each failed check) when one does not, and 77 when the client module is
not installed (the test then skips, saying so).
"""
import datetime as dt
import decimal
import sys
import uuid

CLIENT = sys.argv[1]
PORT = int(sys.argv[2])
UTC = dt.timezone.utc
failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def main():
    try:
        if CLIENT == "psycopg":
            import psycopg as driver
            conn = driver.connect(f"host=127.0.0.1 port={PORT} user=app dbname=postgres")
            sqlstate = lambda e: e.sqlstate
        else:
            import psycopg2 as driver
            import psycopg2.extras
            psycopg2.extras.register_uuid()
            conn = driver.connect(host="127.0.0.1", port=PORT, user="app", dbname="postgres")
            sqlstate = lambda e: e.pgcode
    except ImportError as e:
        print(f"SKIP: {CLIENT} is not installed for /usr/bin/python3 ({e}); .ci/run installs python3-{CLIENT}")
        return 77

    table = f"items_{CLIENT}"
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (id serial PRIMARY KEY, name text NOT NULL UNIQUE, price numeric(10,2), "
                "qty int, big bigint, ratio double precision, born date, seen timestamptz, ok boolean, ref uuid, "
                "tags text[])")
    conn.commit()

    # Create: parameters of every common type, RETURNING the generated id.
    ref = uuid.UUID("12345678-1234-5678-1234-567812345678")
    seen = dt.datetime(2024, 2, 29, 12, 30, 15, 123456, tzinfo=UTC)
    insert = (f"INSERT INTO {table} (name, price, qty, big, ratio, born, seen, ok, ref, tags) "
              "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id")
    values = ("héllo 'quoted'", decimal.Decimal("19.99"), 3, 9000000000, 0.25, dt.date(2024, 2, 29), seen, True, ref)
    try:
        cur.execute(insert, values + (["a", "b c"],))
    except driver.Error as e:
        # psycopg2 renders a list as ARRAY['a', 'b c'], which the engine may not support yet: that may fail with
        # 0A000 only (never otherwise), and then the array goes in as its text form.
        if sqlstate(e) != "0A000":
            raise
        print(f"{CLIENT}: NOT YET: a list parameter (ARRAY[...]): {e}".strip())
        conn.rollback()
        cur.execute(insert, values + ('{a,"b c"}',))
    first = cur.fetchone()[0]
    cur.execute(f"INSERT INTO {table} (name, qty) VALUES (%s, %s) RETURNING id", ("second", None))
    second = cur.fetchone()[0]
    conn.commit()
    check("generated ids", second > first, True)

    # Read: every value comes back as the Python type it went in as.
    cur.execute(f"SELECT name, price, qty, big, ratio, born, seen, ok, ref, tags FROM {table} WHERE id = %s", (first,))
    check("row", cur.fetchone(), ("héllo 'quoted'", decimal.Decimal("19.99"), 3, 9000000000, 0.25,
                                  dt.date(2024, 2, 29), seen, True, ref, ["a", "b c"]))
    cur.execute(f"SELECT name, qty, price FROM {table} WHERE id = %s", (second,))
    check("row with NULLs", cur.fetchone(), ("second", None, None))
    cur.execute(f"SELECT count(*) FROM {table} WHERE name LIKE %s AND seen < %s AND ok", ("h%", dt.datetime.now(UTC)))
    check("filtered count", cur.fetchone()[0], 1)

    # Update and delete report their row counts.
    cur.execute(f"UPDATE {table} SET qty = qty + %s, price = price * %s WHERE id = %s", (2, decimal.Decimal("2"), first))
    check("update rowcount", cur.rowcount, 1)
    cur.execute(f"SELECT qty, price FROM {table} WHERE id = %s", (first,))
    check("updated", cur.fetchone(), (5, decimal.Decimal("39.98")))
    cur.execute(f"DELETE FROM {table} WHERE id = %s", (second,))
    check("delete rowcount", cur.rowcount, 1)
    conn.commit()

    # A transaction that rolls back leaves nothing behind.
    cur.execute(f"INSERT INTO {table} (name) VALUES (%s)", ("temporary",))
    cur.execute(f"UPDATE {table} SET qty = 0")
    cur.execute(f"SELECT count(*) FROM {table}")
    check("inside the transaction", cur.fetchone()[0], 2)
    conn.rollback()
    cur.execute(f"SELECT count(*), sum(qty) FROM {table}")
    check("after rollback", cur.fetchone(), (1, 5))
    conn.commit()

    # Errors carry PostgreSQL's SQLSTATE; the transaction is aborted until rolled back.
    for sql, params, state in [
        (f"INSERT INTO {table} (name) VALUES (%s)", ("héllo 'quoted'",), "23505"),
        (f"INSERT INTO {table} (name) VALUES (%s)", (None,), "23502"),
        ("SELECT * FROM no_such_table WHERE id = %s", (1,), "42P01"),
        (f"SELECT 1 / %s FROM {table}", (0,), "22012"),
    ]:
        try:
            cur.execute(sql, params)
            failures.append(f"{sql} did not fail")
        except driver.Error as e:
            check(f"SQLSTATE of {sql}", sqlstate(e), state)
        try:
            cur.execute("SELECT 1")
            failures.append("a statement ran in an aborted transaction")
        except driver.Error as e:
            check("SQLSTATE in an aborted transaction", sqlstate(e), "25P02")
        conn.rollback()
    cur.execute(f"SELECT name FROM {table}")
    check("rows after the errors", cur.fetchall(), [("héllo 'quoted'",)])
    conn.close()

    for f in failures:
        print(f"{CLIENT}: {f}")
    print(f"{CLIENT}: {'ok' if not failures else str(len(failures)) + ' failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
