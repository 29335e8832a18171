"""psycopg 3's cursor.copy() both ways, text and binary, against pgserve's COPY.

Run by CopyClientsTest: /usr/bin/python3 copy.py PORT. Exits 0 when what goes in comes back out.
"""
import decimal
import sys

import psycopg


def main(port):
    with psycopg.connect(f"host=127.0.0.1 port={port} user=u dbname=postgres", autocommit=True) as conn:
        with conn.cursor() as cur:
            with cur.copy("COPY items (id, name, price) FROM STDIN") as copy:
                copy.write_row((1, "one", decimal.Decimal("1.00")))
                copy.write_row((2, "tab\there", decimal.Decimal("2.50")))
                copy.write_row((3, None, None))
            with cur.copy("COPY items TO STDOUT") as copy:
                rows = list(copy.rows())
            text = [tuple(r) for r in rows]
            with cur.copy("COPY items TO STDOUT (FORMAT binary)") as copy:
                copy.set_types(["int4", "text", "numeric"])
                binary = [tuple(r) for r in copy.rows()]
        expected_text = [("1", "one", "1.00"), ("2", "tab\there", "2.50"), ("3", None, None)]
        expected_binary = [(1, "one", decimal.Decimal("1.00")), (2, "tab\there", decimal.Decimal("2.50")),
                           (3, None, None)]
        print(f"psycopg copy: text={text} binary={binary}")
        return 0 if text == expected_text and binary == expected_binary else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
