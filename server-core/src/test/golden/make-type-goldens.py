#!/usr/bin/env python3
"""Regenerates the type golden files from PostgreSQL 15 itself.

For every line of server-core/src/test/resources/types/corpus/*.txt (TYPE<TAB>INPUT, where INPUT is the text a
client would send), PostgreSQL computes the value's canonical text output (the type's output function under the session
settings in force, as the server sends it) and its binary form (the type's send function), or the SQLSTATE and message with which it rejects the input.
The results go to server-core/src/test/resources/types/golden/<corpus>.tsv, which GoldenTypesTest reads; CI needs
no PostgreSQL server.

Corpus syntax: '#' starts a comment line; '@set Name=Value' changes a setting for the lines after it (TimeZone,
DateStyle, IntervalStyle, extra_float_digits, bytea_output); in INPUT, \\t \\n \\r \\\\ are escapes.

Usage: python3 server-core/src/test/golden/make-type-goldens.py   (needs /usr/lib/postgresql/15/bin; when run as
root it runs PostgreSQL as the user 'pgtest', creating it if needed).
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources", "types")
PORT = "54391"
DEFAULTS = {"TimeZone": "UTC", "DateStyle": "ISO, MDY", "IntervalStyle": "postgres", "extra_float_digits": "1",
            "bytea_output": "hex"}

FUNCTION = r"""
CREATE FUNCTION golden(typ regtype, input text) RETURNS json LANGUAGE plpgsql AS $f$
DECLARE t text; b text; send regproc; output regproc; name text;
BEGIN
  -- The type's own output function, not a cast to text: some casts to text differ from what the server sends
  -- (bool::text is 'true' where boolout gives 't'; inet::text always shows the mask; bpchar::text trims spaces).
  -- The type by its schema-qualified pg_type name: regtype's text 'character' would mean char(1), not bpchar.
  SELECT typsend, typoutput, format('%I.%I', nspname, typname) INTO send, output, name
    FROM pg_type JOIN pg_namespace ON pg_namespace.oid = typnamespace WHERE pg_type.oid = typ;
  EXECUTE format('SELECT %s(($1)::%s)::text, encode(%s(($1)::%s), ''hex'')', output, name, send, name)
    INTO t, b USING input;
  RETURN json_build_object('ok', true, 'text', t, 'binary', b);
EXCEPTION WHEN others THEN
  RETURN json_build_object('ok', false, 'sqlstate', SQLSTATE, 'message', SQLERRM);
END $f$;
"""


def as_user(cmd):
    if os.geteuid() == 0:
        subprocess.run(["id", "pgtest"], capture_output=True).returncode == 0 or \
            subprocess.run(["useradd", "-m", "pgtest"], check=True)
        return ["runuser", "-u", "pgtest", "--"] + cmd
    return cmd


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(s[i + 1], "\\" + s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def literal(s):
    return "'" + s.replace("'", "''") + "'"


def main():
    data = tempfile.mkdtemp(prefix="pgserve-golden-")
    os.chmod(data, 0o777)
    pgdata = os.path.join(data, "db")
    subprocess.run(as_user([PG_BIN + "/initdb", "-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                            "--locale=C"]), check=True, capture_output=True)
    subprocess.run(as_user([PG_BIN + "/pg_ctl", "-D", pgdata, "-w", "-l", os.path.join(data, "log"), "-o",
                            f"-p {PORT} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]),
                   check=True, capture_output=True)
    try:
        psql = ["psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", PORT, "-U", "postgres", "-d", "postgres"]
        subprocess.run(psql + ["-c", FUNCTION], check=True, capture_output=True)
        for corpus in sorted(glob.glob(os.path.join(RESOURCES, "corpus", "*.txt"))):
            rows, sql, settings = [], [], dict(DEFAULTS)
            for line in open(corpus, encoding="utf-8").read().split("\n"):
                if not line.strip() or line.startswith("#"):
                    continue
                if line.startswith("@set "):
                    name, value = line[5:].split("=", 1)
                    settings[name.strip()] = value.strip()
                    continue
                typ, raw = line.split("\t", 1)
                value = unescape(raw)
                setting_text = ";".join(f"{k}={v}" for k, v in settings.items())
                rows.append((typ, setting_text, value))
                sets = "".join(f"SET {k} = {literal(v)}; " for k, v in settings.items())
                sql.append(f"{sets}SELECT golden({literal(typ)}, {literal(value)});")
            out = subprocess.run(psql, input="\n".join(sql) + "\n", capture_output=True, text=True, check=True)
            results = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
            if len(results) != len(rows):
                sys.exit(f"{corpus}: {len(rows)} inputs but {len(results)} results\n{out.stderr}")
            name = os.path.splitext(os.path.basename(corpus))[0]
            with open(os.path.join(RESOURCES, "golden", name + ".tsv"), "w", encoding="utf-8") as f:
                f.write("# Generated by server-core/src/test/golden/make-type-goldens.py from PostgreSQL "
                        "15; do not edit.\n")
                f.write("# type\tsettings\tinput\tok|error\ttext output|SQLSTATE\tbinary hex|message\n")
                for (typ, setting_text, value), r in zip(rows, results):
                    if r["ok"]:
                        cols = [typ, setting_text, value, "ok", r["text"], r["binary"]]
                    else:
                        cols = [typ, setting_text, value, "error", r["sqlstate"], r["message"]]
                    f.write("\t".join(escape(c) for c in cols) + "\n")
            print(f"{name}: {len(rows)} values")
    finally:
        subprocess.run(as_user([PG_BIN + "/pg_ctl", "-D", pgdata, "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
