"""The files example through SQLAlchemy 1.4 (psycopg2) and pandas: inspect's tables, columns, keys and indexes (none),
read_sql and read_sql_table (which reflects the table).

Usage: /usr/bin/python3 files_sqlalchemy.py PORT   (run by FilesClientsTest; prints one line per check)
"""
import sys

import pandas as pd
import sqlalchemy as sa

engine = sa.create_engine("postgresql+psycopg2://postgres@127.0.0.1:%s/postgres" % sys.argv[1],
                          connect_args={"sslmode": "disable", "connect_timeout": 5})
inspector = sa.inspect(engine)
print("schemas", inspector.get_schema_names())
print("tables", inspector.get_table_names())
print("sales tables", inspector.get_table_names(schema="sales"))
for schema, table in (("public", "people"), ("sales", "orders")):
    for c in inspector.get_columns(table, schema=schema):
        print("column", schema, table, c["name"], c["type"], c["nullable"])
print("keys", inspector.get_pk_constraint("people"), inspector.get_foreign_keys("people"),
      inspector.get_indexes("people"))

frame = pd.read_sql("SELECT p.name, count(*) AS orders, sum(o.amount) AS total FROM people p "
                    "JOIN sales.orders o ON o.person_id = p.id GROUP BY p.name ORDER BY total DESC", engine)
print("frame", frame.to_dict("records"))
people = pd.read_sql(sa.text("SELECT * FROM people WHERE born < :before ORDER BY id"), engine,
                     params={"before": "2000-01-01"}, parse_dates=["born"])
print("dtypes", {k: str(v) for k, v in people.dtypes.items()})
print("people", people[["id", "name"]].to_dict("records"))
orders = pd.read_sql_table("orders", engine, schema="sales")
print("orders", orders.astype(str).values.tolist())
