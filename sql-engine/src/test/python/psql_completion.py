"""Tab completion of table names by the real psql 15, driven through a pseudo-terminal (CatalogGoldenTest).

Usage: /usr/bin/python3 psql_completion.py HOST PORT DATABASE
For each case it starts psql (readline, no psqlrc, no history, no inputrc), types the text, presses TAB (twice when
there are several candidates), then Enter, and for SQL prints the query buffer with \\p; then quits. It prints what each TAB inserted and psql's
transcript (terminal escape sequences and carriage returns removed), so the output can be compared with what the
same typing gives against PostgreSQL (goldens/psql-completion.out, recorded by catalog-goldens.sh). Every wait is
bounded; psql is killed if it has not quit.
"""
import os
import pty
import re
import select
import signal
import sys
import tempfile
import time

HOST, PORT, DATABASE = sys.argv[1], sys.argv[2], sys.argv[3]
PSQL = "/usr/lib/postgresql/15/bin/psql"
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\x07")


def read_until(fd, buf, done, timeout):
    """Reads into buf until done(buf) or timeout; then what more comes within 0.3 s of quiet."""
    end = time.time() + timeout
    while not done(buf) and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return buf
            if not chunk:
                return buf
            buf.extend(chunk)
    while True:
        r, _, _ = select.select([fd], [], [], 0.3)
        if not r:
            return buf
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return buf
        if not chunk:
            return buf
        buf.extend(chunk)


def clean(data):
    return ESCAPES.sub(b"", bytes(data)).replace(b"\r", b"").decode("utf-8", "replace")


def session(typed, after, tabs="\t"):
    home = tempfile.mkdtemp()
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "TERM": "dumb", "INPUTRC": "/dev/null",
           "PSQL_HISTORY": "/dev/null", "PGCONNECT_TIMEOUT": "5", "PGSSLMODE": "disable", "LANG": "C.UTF-8"}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(PSQL, [PSQL, "-X", "-q", "-P", "pager=off", "-h", HOST, "-p", PORT, "-U", "postgres", "-d", DATABASE], env)
    out = bytearray()
    try:
        prompt = (DATABASE + "=# ").encode()
        read_until(fd, out, lambda b: b.endswith(prompt), 30)
        os.write(fd, typed.encode())
        read_until(fd, out, lambda b: typed.encode() in b, 5)
        mark = len(out)
        for _ in tabs:
            seen = len(out)
            os.write(fd, b"\t")
            read_until(fd, out, lambda b: len(b) > seen, 20)
        inserted = clean(out[mark:])
        for line in after:
            seen = len(out)
            os.write(fd, line.encode() + b"\n")
            # until psql prompts again (=# or -#), after what the line ran has been printed
            read_until(fd, out, lambda b: re.search(rb"\n[^\n]*[=-]# $", bytes(b[seen:])) is not None, 20)
        os.write(fd, b"\\q\n")
        read_until(fd, out, lambda b: False, 5)  # until psql has quit (end of file)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    print("== " + typed + "<TAB>" * len(tabs) + " wrote " + repr(inserted))
    print(clean(out))


session("SELECT * FROM au", ["", "\\p"])
session("\\d bo", [""])
session("SELECT * FROM go", ["", "\\p"])
# several candidates: the first TAB completes their common prefix, the second lists them
session("\\d author_", ["\x15"], "\t\t")
