#!/usr/bin/env python3
"""Regenerates the COPY golden files (server-core/src/test/resources/copy/) from PostgreSQL 15 itself.

It speaks the wire protocol directly (no driver needed), so it sees exactly what a client sees: every CopyData
payload of COPY TO STDOUT, byte for byte, and every ErrorResponse field (SQLSTATE, message, position, context,
hint). CopyFormatGoldenTest reads the results; CI needs no PostgreSQL server.

  commands.tsv  COPY statements: accepted (with the CopyIn/CopyOutResponse format) or the error PostgreSQL gives.
  to.tsv        COPY ... TO STDOUT of the table "tricky" (awkward values of many types) in every format and with
                many options: the CopyData payloads, hex, comma-separated.
  from.tsv      COPY ... FROM STDIN inputs (hex): the table's contents afterwards (COPY TO STDOUT, text) and the
                command tag, or the error (SQLSTATE, message, context, hint).
  schema.tsv    the tables' columns and types.

Usage: python3 server-core/src/test/golden/make-copy-goldens.py   (needs /usr/lib/postgresql/15/bin; when run as
root it runs PostgreSQL as the user 'pgtest', creating it if needed).
"""
import os
import shutil
import socket
import struct
import subprocess
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "copy")
PORT = 54392

SETUP = r"""
CREATE TABLE t (a int4, b text);
CREATE TABLE u (x text);
CREATE SCHEMA s;
CREATE TABLE s.t2 (a int4, "B" text);
CREATE TABLE "Mixed" ("Col" int4, other text);
CREATE TABLE tricky (id int4, t text, vc varchar(20), n numeric, f float8, b bool, d date, ts timestamptz,
                     by bytea, j jsonb, ia int4[], ta text[]);
INSERT INTO tricky VALUES
 (1, 'plain', 'abc', 1.50, 1.5, true, '2024-02-29', '2024-02-29 12:34:56.789+00', '\x00ff10', '{"a": 1}', '{1,2,3}', '{x,y}'),
 (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (3, '', '', 0, 0, false, '0001-01-01', '1970-01-01 00:00:00+00', '\x', '""', '{}', '{}'),
 (4, E'tab\there', E'new\nline', -12345.6789, -0.0, true, '9999-12-31', '2000-01-01 00:00:00.000001+00', '\x5c', '[1, "x\ty"]', '{NULL,-1}', E'{"a\\"b","c\\\\d","",NULL}'),
 (5, E'cr\rret', E'crlf\r\n', 1e20, 'NaN', false, '1999-01-08', '2024-06-01 23:59:59+00', '\x0d0a09', 'null', '{{1,2},{3,4}}', '{"with space","com,ma"}'),
 (6, E'back\\slash', E'\\N', 'NaN', 'Infinity', NULL, 'infinity', '-infinity', NULL, '{"k": "v\\\\w"}', NULL, '{NULL}'),
 (7, 'say "hi"', 'a,b', 3.14159265358979323846, '-Infinity', true, NULL, NULL, '\x22', '"\""', NULL, NULL),
 (8, 'it''s', E'\\.', 100, 1e-300, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (9, 'héllo wörld ✓ 😀', 'ünï', 0.000001, 123456789.125, NULL, NULL, NULL, '\xe29c93', '"✓"', NULL, '{ü,"✓ x"}'),
 (10, E'\x01\x07\b\f\v', ' x ', -1, 1.0e-5, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (11, 'NULL', 'N', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (12, E'\\.', '"', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (13, E'a|b;c''d*e', E'line1\nline2\r\nline3', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE ROLE plain LOGIN;
GRANT ALL ON ALL TABLES IN SCHEMA public, s TO plain;
GRANT USAGE ON SCHEMA s TO plain;
"""

SCHEMA = {
    "t": [("a", "int4"), ("b", "text")],
    "u": [("x", "text")],
    "t2": [("a", "int4"), ("B", "text")],
    "Mixed": [("Col", "int4"), ("other", "text")],
    "tricky": [("id", "int4"), ("t", "text"), ("vc", "varchar"), ("n", "numeric"), ("f", "float8"), ("b", "bool"),
               ("d", "date"), ("ts", "timestamptz"), ("by", "bytea"), ("j", "jsonb"), ("ia", "_int4"),
               ("ta", "_text")],
}

COMMANDS = r"""
COPY t FROM STDIN
copy T from stdin
COPY public.t FROM STDIN
COPY s.t2 FROM STDIN
COPY s.t2 ("B") FROM STDIN
COPY "Mixed" FROM STDIN
COPY "Mixed" ("Col", other) FROM STDIN
COPY t (a, b) FROM STDIN
COPY t (b) FROM STDIN
COPY t FROM STDOUT
COPY t TO STDIN
COPY t TO STDOUT
COPY t TO STDOUT;
COPY BINARY t FROM STDIN
COPY BINARY t TO STDOUT
COPY t FROM STDIN BINARY
COPY t FROM STDIN WITH BINARY
COPY t FROM STDIN CSV
COPY t FROM STDIN WITH CSV HEADER
COPY t FROM STDIN WITH CSV HEADER QUOTE AS '''' ESCAPE AS '\' FORCE NOT NULL b FORCE NULL a, b
COPY t TO STDOUT WITH CSV FORCE QUOTE *
COPY t TO STDOUT WITH CSV FORCE QUOTE a, b
COPY t TO STDOUT CSV QUOTE '*' ESCAPE '!' FORCE QUOTE b HEADER
COPY t FROM STDIN DELIMITER '|' NULL 'x'
COPY t FROM STDIN WITH DELIMITER AS '|' NULL AS ''
COPY t FROM STDIN USING DELIMITERS '|'
COPY t FROM STDIN DELIMITERS '|'
COPY t FROM STDIN DELIMITERS '|' DELIMITER ','
COPY t FROM STDIN ENCODING 'utf8'
COPY t FROM STDIN FREEZE
COPY t FROM STDIN HEADER
COPY t FROM STDIN (FORMAT csv, HEADER match)
COPY t FROM STDIN (FORMAT csv, HEADER 'MATCH')
COPY t FROM STDIN (HEADER MATCH)
COPY t TO STDOUT (FORMAT csv, HEADER match)
COPY t FROM STDIN (HEADER)
COPY t FROM STDIN (HEADER 1)
COPY t FROM STDIN (HEADER 0)
COPY t FROM STDIN (HEADER 2)
COPY t FROM STDIN (HEADER off)
COPY t FROM STDIN (HEADER on, HEADER off)
COPY t FROM STDIN (HEADER maybe)
COPY t FROM STDIN (HEADER 1.0)
COPY t FROM STDIN (FORMAT binary, HEADER)
COPY t FROM STDIN (FORMAT binary, HEADER false)
COPY t FROM STDIN (FORMAT 'CSV')
COPY t FROM STDIN (FORMAT xml)
COPY t FROM STDIN (FORMAT)
COPY t FROM STDIN (FORMAT csv, FORMAT text)
COPY t FROM STDIN (FORMAT csv, FORMAT csv)
COPY t FROM STDIN (FORMAT "csv")
COPY t FROM STDIN (format Binary)
COPY t FROM STDIN (DELIMITER ',', DELIMITER ';')
COPY t FROM STDIN (DELIMITER '||')
COPY t FROM STDIN (DELIMITER '')
COPY t FROM STDIN (DELIMITER 'é')
COPY t FROM STDIN (DELIMITER E'\n')
COPY t FROM STDIN (DELIMITER E'\r')
COPY t FROM STDIN (DELIMITER 'a')
COPY t FROM STDIN (DELIMITER 'A')
COPY t FROM STDIN (DELIMITER '.')
COPY t FROM STDIN (DELIMITER '\')
COPY t FROM STDIN (DELIMITER '5')
COPY t FROM STDIN (DELIMITER 5)
COPY t FROM STDIN (DELIMITER)
COPY t FROM STDIN (FORMAT csv, DELIMITER 'a')
COPY t FROM STDIN (FORMAT csv, DELIMITER '\')
COPY t FROM STDIN (NULL E'\r')
COPY t FROM STDIN (NULL E'a\nb')
COPY t FROM STDIN (FORMAT binary, DELIMITER ',')
COPY t FROM STDIN (FORMAT binary, NULL 'x')
COPY t FROM STDIN (DELIMITER ',', FORMAT binary)
COPY t FROM STDIN (QUOTE '"')
COPY t FROM STDIN (ESCAPE '"')
COPY t FROM STDIN (FORMAT csv, QUOTE '')
COPY t FROM STDIN (FORMAT csv, QUOTE 'ab')
COPY t FROM STDIN (FORMAT csv, QUOTE ',')
COPY t FROM STDIN (FORMAT csv, DELIMITER '"')
COPY t FROM STDIN (FORMAT csv, ESCAPE '')
COPY t FROM STDIN (FORMAT csv, ESCAPE 'xy')
COPY t FROM STDIN (FORMAT csv, QUOTE '"', QUOTE '"')
COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE *)
COPY t TO STDOUT (FORCE_QUOTE *)
COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE (a))
COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE (a, b))
COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE a)
COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE)
COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE *, FORCE_QUOTE (a))
COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE (b), FORCE_QUOTE (a))
COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b))
COPY t FROM STDIN (FORCE_NOT_NULL (b))
COPY t TO STDOUT (FORMAT csv, FORCE_NOT_NULL (b))
COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a), FORCE_NOT_NULL (b))
COPY t FROM STDIN (FORMAT csv, FORCE_NULL (b))
COPY t TO STDOUT (FORMAT csv, FORCE_NULL (b))
COPY t FROM STDIN (FORCE_NULL (b))
COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL *)
COPY t FROM STDIN (FORMAT csv, FORCE_NULL b)
COPY t FROM STDIN (NULL 'a|b', DELIMITER '|')
COPY t FROM STDIN (NULL 'a	b')
COPY t FROM STDIN (FORMAT csv, NULL 'a"b')
COPY t FROM STDIN (FORMAT csv, NULL 'a''b', QUOTE '''')
COPY t FROM STDIN (NULL 'x', NULL 'y')
COPY t FROM STDIN (ENCODING 'nope')
COPY t FROM STDIN (ENCODING 'UTF-8')
COPY t FROM STDIN (ENCODING 'unicode')
COPY t FROM STDIN (ENCODING 'utf8', ENCODING 'utf8')
COPY t FROM STDIN (ENCODING)
COPY t FROM STDIN (FREEZE)
COPY t FROM STDIN (FREEZE false)
COPY t FROM STDIN (FREEZE 0)
COPY t FROM STDIN (FREEZE maybe)
COPY t FROM STDIN (FREEZE, FREEZE)
COPY t FROM STDIN (BOGUS 1)
COPY t FROM STDIN (oids true)
COPY t FROM STDIN ("FORMAT" csv)
COPY t FROM STDIN (format csv, header true, quote '''', escape '\', delimiter ';', null 'NULL', force_not_null (a), force_null (b), encoding 'utf8')
COPY t FROM STDIN (DELIMITER 1)
COPY t FROM STDIN (NULL -1)
COPY t FROM STDIN (NULL 1.5)
COPY t FROM STDIN (NULL *)
COPY t FROM STDIN (NULL (a, b))
COPY t FROM STDIN (NULL on)
COPY t FROM STDIN (FORMAT select)
COPY t FROM STDIN (FORMAT csv,)
COPY t FROM STDIN ()
COPY t FROM STDIN WITH (FORMAT csv)
COPY t FROM STDIN WITH
COPY t FROM STDIN WITH (FORMAT csv) WHERE a > 1
COPY t TO STDOUT WHERE a > 1
COPY t FROM STDIN WHERE a > 1
COPY t FROM STDIN CSV WHERE a > 1
COPY t FROM '/tmp/x'
COPY t TO '/tmp/x'
COPY t FROM PROGRAM 'cat'
COPY t TO PROGRAM 'cat'
COPY t FROM PROGRAM STDIN
COPY t TO STDOUT (FORMAT bogus)
COPY t TO '/tmp/x' (FORMAT bogus)
COPY (SELECT 1) TO STDOUT
COPY (SELECT a, b FROM t WHERE b = ')') TO STDOUT WITH CSV
COPY (VALUES (1)) TO STDOUT
COPY (WITH x AS (SELECT 1) SELECT * FROM x) TO STDOUT
COPY ((SELECT 1)) TO STDOUT
COPY (SELECT 1) TO STDOUT (FORMAT binary)
COPY (SELECT 1) FROM STDIN
COPY (SELECT 1) TO '/tmp/x'
COPY (SELECT 1) TO PROGRAM 'cat'
COPY (bogus) TO STDOUT
COPY (SELECT 1) (a) TO STDOUT
COPY t FROM
COPY t
COPY
COPY t (a, FROM STDIN
COPY t () FROM STDIN
COPY t FROM STDIN CSV HEADER MATCH
COPY t FROM STDIN FORCE QUOTE *
COPY t TO STDOUT FORCE QUOTE *
COPY t TO STDOUT CSV FORCE QUOTE
COPY t FROM STDIN CSV FORCE NOT NULL *
COPY t FROM STDIN (FORMAT csv) CSV
COPY t FROM STDIN CSV CSV
COPY t FROM STDIN CSV BINARY
COPY BINARY t FROM STDIN CSV
COPY t FROM STDIN CSV DELIMITER 'ab'
COPY t FROM STDIN QUOTE '"'
COPY select FROM STDIN
COPY t FROM STDIN (FORMAT text, HEADER)
COPY t FROM STDIN (FORMAT text, HEADER match)
COPY t FROM STDIN extra
COPY t TO STDOUT (FORMAT csv, QUOTE '"', ESCAPE '"', DELIMITER ',', NULL '', HEADER)
COPY t FROM STDIN DELIMITER AS E'\t'
COPY t FROM STDIN (FORMAT csv, QUOTE 'é')
"""

# (name, SQL, output columns for query forms) -- run against the table "tricky".
TO = [
    ("text", "COPY tricky TO STDOUT", None),
    ("csv", "COPY tricky TO STDOUT (FORMAT csv)", None),
    ("csv-header", "COPY tricky TO STDOUT WITH CSV HEADER", None),
    ("text-header", "COPY tricky TO STDOUT (FORMAT text, HEADER)", None),
    ("csv-force-all", "COPY tricky TO STDOUT (FORMAT csv, HEADER, FORCE_QUOTE *)", None),
    ("csv-force-cols", "COPY tricky TO STDOUT (FORMAT csv, FORCE_QUOTE (t, vc, id))", None),
    ("csv-delim-quote-escape", "COPY tricky TO STDOUT (FORMAT csv, DELIMITER '|', QUOTE '''', ESCAPE '\\')", None),
    ("csv-semicolon-star", "COPY tricky TO STDOUT CSV DELIMITER ';' QUOTE '*' ESCAPE '*' HEADER", None),
    ("csv-null-word", "COPY tricky TO STDOUT (FORMAT csv, NULL 'NULL')", None),
    ("csv-null-N", "COPY tricky TO STDOUT (FORMAT csv, NULL 'N', HEADER)", None),
    ("text-null-word-pipe", "COPY tricky TO STDOUT (FORMAT text, NULL 'NULL', DELIMITER '|')", None),
    ("text-comma", "COPY tricky TO STDOUT (DELIMITER ',')", None),
    ("text-ctrl-delim", "COPY tricky TO STDOUT (DELIMITER E'\\x01')", None),
    ("text-bell-delim", "COPY tricky TO STDOUT (DELIMITER E'\\x07', NULL '')", None),
    ("binary", "COPY tricky TO STDOUT (FORMAT binary)", None),
    ("binary-legacy", "COPY BINARY tricky (t, id) TO STDOUT", None),
    ("text-columns", "COPY tricky (ta, t, id) TO STDOUT", None),
    ("csv-columns-header", "COPY tricky (vc, t) TO STDOUT (FORMAT csv, HEADER)", None),
    ("csv-single-column", "COPY tricky (t) TO STDOUT (FORMAT csv)", None),
    ("csv-single-column-vc", "COPY tricky (vc) TO STDOUT CSV", None),
    ("csv-query", "COPY (SELECT t, vc FROM tricky ORDER BY id) TO STDOUT WITH CSV HEADER", ["t", "vc"]),
    ("csv-query-single", "COPY (SELECT t FROM tricky ORDER BY id) TO STDOUT CSV", ["t"]),
    ("text-using-delimiters", "COPY tricky TO STDOUT USING DELIMITERS '|' WITH NULL AS '?'", None),
]


def b(s):
    return s.encode("utf-8")


def sig():
    return b"PGCOPY\n\xff\r\n\x00"


def i16(v):
    return struct.pack("!h", v)


def i32(v):
    return struct.pack("!i", v)


def field(data):
    return i32(-1) if data is None else i32(len(data)) + data


def tup(*fields):
    return i16(len(fields)) + b"".join(field(f) for f in fields)


HDR = sig() + i32(0) + i32(0)
LONG = "x" * 150

# (name, SQL, input bytes).
FROM = [
    # text format
    ("basic", "COPY t FROM STDIN", b"1\tx\n2\ty\n"),
    ("no-final-newline", "COPY t FROM STDIN", b"1\tx\n2\ty"),
    ("crlf", "COPY t FROM STDIN", b"1\tx\r\n2\ty\r\n"),
    ("cr", "COPY t FROM STDIN", b"1\tx\r2\ty\r"),
    ("lf-then-crlf", "COPY t FROM STDIN", b"1\tx\n2\ty\r\n"),
    ("crlf-then-lf", "COPY t FROM STDIN", b"1\tx\r\n2\ty\n"),
    ("cr-then-lf", "COPY t FROM STDIN", b"1\tx\r2\ty\n"),
    ("crlf-then-cr", "COPY t FROM STDIN", b"1\tx\r\n2\ty\r3\tz\r\n"),
    ("lf-then-cr-end", "COPY t FROM STDIN", b"1\tx\n2\ty\r"),
    ("end-marker", "COPY t FROM STDIN", b"1\tx\n\\.\n3\tz\n"),
    ("end-marker-eof", "COPY t FROM STDIN", b"1\tx\n\\."),
    ("end-marker-mid-line", "COPY t FROM STDIN", b"1\tx\\.\n3\tz\n"),
    ("end-marker-corrupt", "COPY t FROM STDIN", b"1\tx\n\\.x\n"),
    ("end-marker-style", "COPY t FROM STDIN", b"1\tx\r\n\\.\n"),
    ("end-marker-crlf", "COPY t FROM STDIN", b"1\tx\r\n\\.\r\n"),
    ("end-marker-crlf-corrupt", "COPY t FROM STDIN", b"1\tx\r\n\\.x\r\n"),
    ("end-marker-cr-style", "COPY t FROM STDIN", b"1\tx\r\\.\n"),
    ("end-marker-first", "COPY t FROM STDIN", b"\\.\n1\tx\n"),
    ("end-marker-first-crlf", "COPY t FROM STDIN", b"\\.\r\n"),
    ("escapes", "COPY t FROM STDIN", b"1\t\\b\\f\\n\\r\\t\\v\\\\|\\101\\7\\18|\\x41\\x4g\\xg\\q\\N\n"),
    ("octal-high", "COPY t FROM STDIN", b"1\t\\303\\251\\342\\234\\223\n"),
    ("hex-high", "COPY t FROM STDIN", b"1\t\\xc3\\xA9\n"),
    ("nulls", "COPY t FROM STDIN", b"1\t\\N\n\\N\t\\N\n\\N\t\n"),
    ("null-escaped", "COPY t FROM STDIN", b"1\t\\\\N\n2\t\\N \n"),
    ("missing-column", "COPY t FROM STDIN", b"1\tx\n1\n"),
    ("extra-column", "COPY t FROM STDIN", b"1\tx\n2\ty\n3\tz\textra\n"),
    ("bad-integer", "COPY t FROM STDIN", b"1\tx\n2\ty\nx\ty\n"),
    ("integer-range", "COPY t FROM STDIN", b"99999999999\tx\n"),
    ("empty-line", "COPY t FROM STDIN", b"1\tx\n\n2\ty\n"),
    ("empty-line-one-column", "COPY u FROM STDIN", b"a\n\nb\n"),
    ("empty-value", "COPY t FROM STDIN", b"1\t\n"),
    ("empty-integer", "COPY t FROM STDIN", b"\tx\n"),
    ("backslash-newline", "COPY t FROM STDIN", b"1\ta\\\nb\n2\tc\n"),
    ("backslash-cr", "COPY t FROM STDIN", b"1\ta\\\rb\n"),
    ("backslash-eof", "COPY t FROM STDIN", b"1\tab\\"),
    ("backslash-delimiter", "COPY t FROM STDIN", b"1\ta\\\tb\n"),
    ("nul-escape", "COPY t FROM STDIN", b"1\ta\\0b\n"),
    ("hex-invalid-utf8", "COPY t FROM STDIN", b"1\t\\xff\n"),
    ("raw-invalid-utf8", "COPY t FROM STDIN", b"1\tx\n2\t\xff\xfe\n"),
    ("raw-truncated-utf8", "COPY t FROM STDIN", b"1\t\xe2\x9c\n"),
    ("raw-nul", "COPY t FROM STDIN", b"1\ta\x00b\n"),
    ("long-line-extra", "COPY t FROM STDIN", b("1\t" + LONG + "\textra\n")),
    ("long-value-bad", "COPY t FROM STDIN", b(LONG + "\tx\n")),
    ("unicode", "COPY t FROM STDIN", b("1\théllo ✓ 😀\n")),
    ("unicode-long-line", "COPY t FROM STDIN", b("1\t" + "é" * 60 + "\textra\n")),
    ("header-text", "COPY t FROM STDIN (HEADER)", b"whatever\n1\tx\n"),
    ("header-only", "COPY t FROM STDIN (HEADER)", b"a\tb\n"),
    ("header-only-no-newline", "COPY t FROM STDIN (HEADER)", b"a\tb"),
    ("header-match", "COPY t FROM STDIN (HEADER match)", b"a\tb\n1\tx\n"),
    ("header-match-mismatch", "COPY t FROM STDIN (HEADER match)", b"a\tc\n1\tx\n"),
    ("header-match-count", "COPY t FROM STDIN (HEADER match)", b"a\n1\tx\n"),
    ("header-match-null", "COPY t FROM STDIN (HEADER match)", b"\\N\tb\n1\tx\n"),
    ("header-match-columns", "COPY t (b, a) FROM STDIN (HEADER match)", b"b\ta\nx\t1\n"),
    ("header-match-case", "COPY t FROM STDIN (HEADER match)", b"A\tb\n"),
    ("header-bad-line-2", "COPY t FROM STDIN (HEADER)", b"a\tb\nx\t1\n"),
    ("columns-subset", "COPY t (b) FROM STDIN", b"x\n\\N\n"),
    ("columns-reordered", "COPY t (b, a) FROM STDIN", b"x\t1\n"),
    ("custom-null-delim", "COPY t FROM STDIN (NULL 'NULL', DELIMITER '|')", b"1|NULL\nNULL|\\N\n3|a\\|b\n"),
    ("custom-delim-comma", "COPY t FROM STDIN DELIMITER ','", b"1,a\\,b\n"),
    ("empty-input", "COPY t FROM STDIN", b""),
    ("only-newline", "COPY u FROM STDIN", b"\n"),
    ("tricky-text", "COPY tricky FROM STDIN", None),  # filled from the TO output
    ("tricky-csv", "COPY tricky FROM STDIN (FORMAT csv)", None),
    ("tricky-csv-header", "COPY tricky FROM STDIN (FORMAT csv, HEADER match)", None),
    ("tricky-binary", "COPY tricky FROM STDIN (FORMAT binary)", None),
    # CSV
    ("csv-basic", "COPY t FROM STDIN (FORMAT csv)",
     b'1,"x"\n2,"y ""q"" z"\n3,"multi\nline"\n4,\n5,""\n6,ab"c,d"e\n'),
    ("csv-crlf", "COPY t FROM STDIN CSV", b'1,"a\r\nb"\r\n2,c\r\n'),
    ("csv-unquoted-cr", "COPY t FROM STDIN CSV", b'1,a\r\n2,b\rc\r\n'),
    ("csv-unquoted-newline", "COPY t FROM STDIN CSV", b'1,a\r\n2,b\nc\r\n'),
    ("csv-unterminated", "COPY t FROM STDIN CSV", b'1,"abc\n'),
    ("csv-unterminated-multiline", "COPY t FROM STDIN CSV", b'1,a\n2,"abc\n3,def\n4,ghi\n'),
    ("csv-unterminated-crlf", "COPY t FROM STDIN CSV", b'1,a\r\n2,"abc\r\n3,def\r\n'),
    ("csv-error-after-multiline", "COPY t FROM STDIN CSV", b'1,"a\nb\nc"\nx,y\n'),
    ("csv-error-after-multiline-first", "COPY t FROM STDIN CSV", b'1,"a\nb"\n2,"c\nd"\nx,y\n'),
    ("csv-escape-backslash", "COPY t FROM STDIN (FORMAT csv, ESCAPE '\\')", b'1,"a\\"b\\\\c\\d"\n2,a\\b\n'),
    ("csv-quote-single", "COPY t FROM STDIN (FORMAT csv, QUOTE '''')", b"1,'a''b,c'\n2,\"x\"\n"),
    ("csv-end-marker", "COPY u FROM STDIN CSV", b'a\n\\.\nb\n'),
    ("csv-end-marker-data", "COPY u FROM STDIN CSV", b'a\n\\.x\n"\\."\nb\\.\n\\.'),
    ("csv-end-marker-eof", "COPY u FROM STDIN CSV", b'a\n\\.'),
    ("csv-end-marker-crlf", "COPY u FROM STDIN CSV", b'a\r\n\\.\r\nb\r\n'),
    ("csv-end-marker-crlf-lf", "COPY u FROM STDIN CSV", b'a\r\n\\.\nb\r\n'),
    ("csv-end-marker-t", "COPY t FROM STDIN CSV", b'1,a\n\\.\n'),
    ("csv-force-not-null", "COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b))", b'1,\n2,""\n'),
    ("csv-force-not-null-int", "COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a))", b',x\n'),
    ("csv-force-null", "COPY t FROM STDIN (FORMAT csv, FORCE_NULL (b))", b'1,\n2,""\n3,"x"\n'),
    ("csv-force-both", "COPY t FROM STDIN (FORMAT csv, FORCE_NULL (b), FORCE_NOT_NULL (b), NULL 'N')",
     b'1,N\n2,"N"\n3,\n'),
    ("csv-force-not-null-unreferenced", "COPY t (a) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b))", b'1\n'),
    ("csv-force-null-unreferenced", "COPY t (a) FROM STDIN (FORMAT csv, FORCE_NULL (b))", b'1\n'),
    ("csv-null-word", "COPY t FROM STDIN (FORMAT csv, NULL 'NULL')", b'1,NULL\n2,"NULL"\n3,\n'),
    ("csv-header", "COPY t FROM STDIN (FORMAT csv, HEADER)", b'a,b\n1,x\n'),
    ("csv-header-match-quoted", "COPY t FROM STDIN (FORMAT csv, HEADER match)", b'"a","b"\n1,x\n'),
    ("csv-header-match-null", "COPY t FROM STDIN (FORMAT csv, HEADER match)", b',b\n1,x\n'),
    ("csv-header-match-mismatch", "COPY t FROM STDIN (FORMAT csv, HEADER match)", b'a,B\n1,x\n'),
    ("csv-header-multiline", "COPY t FROM STDIN (FORMAT csv, HEADER)", b'"a\nb",c\nx,y\n'),
    ("csv-extra", "COPY t FROM STDIN CSV", b'1,x,y\n'),
    ("csv-missing", "COPY t FROM STDIN CSV", b'1\n'),
    ("csv-empty-line", "COPY t FROM STDIN CSV", b'1,x\n\n'),
    ("csv-empty-line-one-column", "COPY u FROM STDIN CSV", b'a\n\n""\n'),
    ("csv-spaces", "COPY t FROM STDIN CSV", b' 1 , x \n'),
    ("csv-spaces-text", "COPY t FROM STDIN CSV", b'1, x ,\n'),
    ("csv-quote-in-middle", "COPY t FROM STDIN CSV", b'1,a"b,c"d\n'),
    ("csv-backslash", "COPY t FROM STDIN CSV", b'1,a\\b\\N\n2,\\N\n'),
    ("csv-semicolon", "COPY t FROM STDIN (FORMAT csv, DELIMITER ';')", b'1;"a;b"\n2;a,b\n'),
    ("csv-invalid-utf8", "COPY t FROM STDIN CSV", b'1,"\xc3"\n'),
    ("csv-bad-integer-quoted", "COPY t FROM STDIN CSV", b'1,a\n"x",b\n'),
    ("csv-long-multiline", "COPY t FROM STDIN CSV", b('1,"' + "a\n" * 60 + '",z\n')),
    # binary
    ("binary-basic", "COPY t FROM STDIN (FORMAT binary)",
     HDR + tup(i32(1), b"x") + tup(None, b"") + tup(i32(-7), None) + i16(-1)),
    ("binary-no-trailer", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(i32(1), b"x")),
    ("binary-half-count", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(i32(1), b"x") + b"\x00"),
    ("binary-header-only", "COPY t FROM STDIN (FORMAT binary)", HDR),
    ("binary-empty", "COPY t FROM STDIN (FORMAT binary)", b""),
    ("binary-bad-signature", "COPY t FROM STDIN (FORMAT binary)", b"PGCOPY\n\xff\r\n\x01" + i32(0) + i32(0)),
    ("binary-short-signature", "COPY t FROM STDIN (FORMAT binary)", b"PGCOP"),
    ("binary-text-input", "COPY t FROM STDIN (FORMAT binary)", b"1\tx\n2\ty\n3\tz\n"),
    ("binary-missing-flags", "COPY t FROM STDIN (FORMAT binary)", sig() + b"\x00\x00"),
    ("binary-oids", "COPY t FROM STDIN (FORMAT binary)", sig() + i32(1 << 16) + i32(0)),
    ("binary-critical-flag", "COPY t FROM STDIN (FORMAT binary)", sig() + i32(1 << 17) + i32(0)),
    ("binary-noncritical-flag", "COPY t FROM STDIN (FORMAT binary)", sig() + i32(1) + i32(0) + tup(i32(1), b"x")),
    ("binary-missing-length", "COPY t FROM STDIN (FORMAT binary)", sig() + i32(0)),
    ("binary-negative-length", "COPY t FROM STDIN (FORMAT binary)", sig() + i32(0) + i32(-1)),
    ("binary-extension", "COPY t FROM STDIN (FORMAT binary)",
     sig() + i32(0) + i32(5) + b"abcde" + tup(i32(1), b"x") + i16(-1)),
    ("binary-extension-short", "COPY t FROM STDIN (FORMAT binary)", sig() + i32(0) + i32(5) + b"abc"),
    ("binary-field-count", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(i32(1), b"x") + tup(i32(1)) + i16(-1)),
    ("binary-field-count-extra", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(i32(1), b"x", b"y") + i16(-1)),
    ("binary-truncated-length", "COPY t FROM STDIN (FORMAT binary)", HDR + i16(2) + i32(4) + i32(1) + b"\x00\x00"),
    ("binary-truncated-data", "COPY t FROM STDIN (FORMAT binary)", HDR + i16(2) + i32(4) + i32(1) + i32(3) + b"a"),
    ("binary-truncated-first", "COPY t FROM STDIN (FORMAT binary)", HDR + i16(2) + i32(4) + b"\x00"),
    ("binary-invalid-size", "COPY t FROM STDIN (FORMAT binary)", HDR + i16(2) + i32(4) + i32(1) + i32(-2)),
    ("binary-int-too-long", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(b"\x00\x00\x00\x00\x01", b"x") + i16(-1)),
    ("binary-after-trailer", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(i32(1), b"x") + i16(-1) + b"z"),
    ("binary-invalid-utf8", "COPY t FROM STDIN (FORMAT binary)", HDR + tup(i32(1), b"\xff") + i16(-1)),
    ("binary-second-row-bad", "COPY t FROM STDIN (FORMAT binary)",
     HDR + tup(i32(1), b"x") + tup(i32(2), b"y") + tup(b"\x00\x00\x00\x00\x01", b"x") + i16(-1)),
    ("binary-subset", "COPY t (b) FROM STDIN (FORMAT binary)", HDR + tup(b"only") + tup(None) + i16(-1)),
]


def as_user(cmd):
    if os.geteuid() == 0:
        subprocess.run(["id", "pgtest"], capture_output=True).returncode == 0 or \
            subprocess.run(["useradd", "-m", "pgtest"], check=True)
        return ["runuser", "-u", "pgtest", "--"] + cmd
    return cmd


class Conn:
    """A minimal simple-query-protocol client that also does COPY."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        body = struct.pack("!i", 196608) + b"user\0postgres\0database\0postgres\0TimeZone\0UTC\0\0"
        self.sock.sendall(struct.pack("!i", len(body) + 4) + body)
        self.until_ready()

    def read(self):
        head = self.recv(5)
        return head[0:1], self.recv(struct.unpack("!i", head[1:])[0] - 4)

    def recv(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def send(self, kind, body):
        self.sock.sendall(kind + struct.pack("!i", len(body) + 4) + body)

    def until_ready(self):
        while True:
            kind, body = self.read()
            if kind == b"E":
                raise RuntimeError(fields(body))
            if kind == b"Z":
                return

    def query(self, sql, copy_in=b"", chunk=None):
        """Runs sql; returns (error fields or None, copy-out payloads, tag, copy response format or None)."""
        self.send(b"Q", sql.encode("utf-8") + b"\0")
        error, out, tag, copy = None, [], None, None
        while True:
            kind, body = self.read()
            if kind == b"E":
                error = fields(body)
            elif kind == b"G":
                copy = "in:" + ("binary" if body[0] == 1 else "text")
                pieces = [copy_in] if not chunk else [copy_in[i:i + chunk] for i in range(0, len(copy_in), chunk)]
                for p in pieces:
                    if p:
                        self.send(b"d", p)
                self.send(b"c", b"")
            elif kind == b"H":
                copy = "out:" + ("binary" if body[0] == 1 else "text")
            elif kind == b"d":
                out.append(body)
            elif kind == b"C":
                tag = body[:-1].decode()
            elif kind == b"Z":
                return error, out, tag, copy


def fields(body):
    result = {}
    for part in body.split(b"\0"):
        if part:
            result[chr(part[0])] = part[1:].decode("utf-8", "replace")
    return result


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def error_columns(e):
    return ["error", e["C"], e["M"], e.get("P", ""), e.get("W", ""), e.get("H", "")]


def main():
    data = tempfile.mkdtemp(prefix="pgcopy")
    os.chmod(data, 0o777)
    pgdata = os.path.join(data, "db")
    subprocess.run(as_user([PG_BIN + "/initdb", "-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                            "--locale=C"]), check=True, capture_output=True)
    subprocess.run(as_user([PG_BIN + "/pg_ctl", "-D", pgdata, "-w", "-l", os.path.join(data, "log"), "-o",
                            f"-p {PORT} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]),
                   check=True, capture_output=True)
    try:
        c = Conn(PORT)
        err, _, _, _ = c.query(SETUP)
        assert err is None, err
        os.makedirs(OUT, exist_ok=True)
        header = "# Generated by server-core/src/test/golden/make-copy-goldens.py from PostgreSQL 15; do not edit.\n"

        with open(os.path.join(OUT, "schema.tsv"), "w", encoding="utf-8") as f:
            f.write(header + "# table\tcolumn\ttype\n")
            for table, cols in SCHEMA.items():
                for name, typ in cols:
                    f.write(f"{table}\t{name}\t{typ}\n")

        c.query("SET ROLE plain")
        with open(os.path.join(OUT, "commands.tsv"), "w", encoding="utf-8") as f:
            f.write(header + "# sql\tok\tcopy response | error\tSQLSTATE\tmessage\tposition\tcontext\thint\n")
            for sql in [l for l in COMMANDS.split("\n") if l.strip()]:
                c.query("BEGIN")
                err, _, _, copy = c.query(sql)
                c.query("ROLLBACK")
                cols = [sql] + (error_columns(err) if err else ["ok", copy])
                f.write("\t".join(escape(x) for x in cols) + "\n")
        c.query("RESET ROLE")

        outputs = {}
        with open(os.path.join(OUT, "to.tsv"), "w", encoding="utf-8") as f:
            f.write(header + "# name\tsql\tcolumns (query forms)\tok\tCopyData payloads, hex, comma-separated\n")
            for name, sql, columns in TO:
                err, out, tag, _ = c.query(sql)
                assert err is None, (sql, err)
                outputs[name] = b"".join(out)
                f.write("\t".join([name, escape(sql), ",".join(columns or []), "ok",
                                   ",".join(p.hex() for p in out)]) + "\n")

        inputs = {"tricky-text": outputs["text"], "tricky-csv": outputs["csv"],
                  "tricky-csv-header": outputs["csv-header"], "tricky-binary": outputs["binary"]}
        with open(os.path.join(OUT, "from.tsv"), "w", encoding="utf-8") as f:
            f.write(header + "# name\tsql\tinput hex\tok\ttag\ttable contents afterwards (COPY TO STDOUT), hex\n"
                             "# name\tsql\tinput hex\terror\tSQLSTATE\tmessage\tposition\tcontext\thint\n")
            for name, sql, data_in in FROM:
                data_in = inputs.get(name, data_in)
                table = sql.split()[1]
                c.query("TRUNCATE t, u, tricky")
                err, _, tag, _ = c.query(sql, data_in)
                # The same input in 3-byte CopyData messages must give the same result.
                c.query("TRUNCATE t, u, tricky")
                err2, _, tag2, _ = c.query(sql, data_in, chunk=3)
                assert (err and err2 and err["M"] == err2["M"] and err.get("W") == err2.get("W")) or \
                    (not err and not err2 and tag == tag2), (name, err, err2)
                if err:
                    cols = [name, escape(sql), data_in.hex()] + [escape(x) for x in error_columns(err)]
                else:
                    _, out, _, _ = c.query(f"COPY {table} TO STDOUT")
                    cols = [name, escape(sql), data_in.hex(), "ok", tag, b"".join(out).hex()]
                f.write("\t".join(cols) + "\n")
        c.query("TRUNCATE t, u")
        print(f"{len(COMMANDS.split())} command words, {len(TO)} COPY TO, {len(FROM)} COPY FROM goldens")
    finally:
        subprocess.run(as_user([PG_BIN + "/pg_ctl", "-D", pgdata, "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
