"""psycopg 3 with a user-defined enum type: EnumInfo.fetch reads pg_type and pg_enum, register_enum maps the type
to a Python Enum, and values (and arrays of them) load as its members and dump from them. Usage: python3
enum_psycopg.py PORT. Prints one line per result; the same lines as against PostgreSQL 15."""
import sys

import psycopg
from psycopg.types.enum import EnumInfo, register_enum

with psycopg.connect(f"host=127.0.0.1 port={sys.argv[1]} user=postgres dbname=postgres", autocommit=True) as c:
    c.execute("drop table if exists enum_person; drop type if exists mood")
    c.execute("create type mood as enum ('sad', 'ok', 'happy')")
    c.execute("create table enum_person (id int primary key, m mood, ms mood[])")
    c.execute("insert into enum_person values (%s, %s, %s)", (1, 'happy', '{sad,ok}'))
    print(c.execute("select m, ms from enum_person").fetchall())
    info = EnumInfo.fetch(c, "mood")
    print(info.name, info.labels, info.oid == info.oid and info.array_oid != 0)
    register_enum(info, c)
    Mood = info.enum
    c.execute("insert into enum_person values (%s, %s, %s)", (2, Mood.sad, [Mood.ok, Mood.happy]))
    for row in c.execute("select id, m, ms from enum_person order by m"):
        print(row)
    with c.cursor(binary=True) as cur:
        print(cur.execute("select m, ms from enum_person where id = %s", (2,)).fetchone())
    c.execute("drop table enum_person; drop type mood")
