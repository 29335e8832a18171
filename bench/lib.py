#!/usr/bin/env python3
"""Helpers for bench/run.sh: process CPU and memory from /proc, medians, the results table, JFR summaries.

  lib.py cpu PID [tree]         utime+stime in seconds (tree: + reaped children's cutime/cstime + live children's)
  lib.py mem PID [tree] [rss]   Pss (or Rss) in kB, of PID (tree: plus its children)
  lib.py peak PID tree|one STOPFILE OUT   samples mem (Pss, kB) every 0.1 s until STOPFILE exists; writes max to OUT
  lib.py median V1 V2 ...       median of the numbers given (ignores non-numbers); prints nothing if none
  lib.py table RESULTS.tsv      prints the Markdown table
  lib.py jfr FILE.jfr [N]       top N frames (self) and top N pgserve/netty methods anywhere on the stack
  lib.py gcheap < GC-LOG-LINES  from -Xlog:gc lines: the largest heap after and before a collection, in MB
"""
import os
import statistics
import subprocess
import sys
import time
from collections import Counter

TCK = os.sysconf("SC_CLK_TCK")


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    return s[s.rindex(")") + 2:].split()  # fields from 3 (state) on


def children(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if int(stat_fields(d)[1]) == int(pid):
                    out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


def cpu(pid, tree=False):
    f = stat_fields(pid)
    ticks = int(f[11]) + int(f[12])  # utime, stime (fields 14, 15)
    if tree:
        ticks += int(f[13]) + int(f[14])  # cutime, cstime: waited-for children (exited backends)
        for c in children(pid):
            try:
                cf = stat_fields(c)
                ticks += int(cf[11]) + int(cf[12])
            except OSError:
                pass
    return ticks / TCK


def mem_one(pid, key="Pss"):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def mem(pid, tree=False, key="Pss"):
    total = mem_one(pid, key)
    if tree:
        total += sum(mem_one(c, key) for c in children(pid))
    return total


def peak(pid, tree, stopfile, out):
    best = 0
    deadline = time.time() + 900
    while not os.path.exists(stopfile) and time.time() < deadline:
        best = max(best, mem(pid, tree))
        time.sleep(0.1)
    best = max(best, mem(pid, tree))
    with open(out, "w") as f:
        f.write(f"{best}\n")


def median(values):
    nums = []
    for v in values:
        try:
            nums.append(float(v))
        except ValueError:
            pass
    if nums:
        m = statistics.median(nums)
        print(f"{m:.6g}")


def fmt(v):
    try:
        x = float(v)
    except ValueError:
        return v
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def table(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                parts = line.split("\t")
                rows.append(parts + [""] * (5 - len(parts)))
    print("| # | metric | PostgreSQL 15 | pgserve | pgserve/PG | target |")
    print("|---|---|---:|---:|---:|---|")
    for section, metric, pg, ps, target in rows:
        ratio = ""
        try:
            ratio = f"{float(ps) / float(pg):.2f}×"
        except (ValueError, ZeroDivisionError):
            pass
        print(f"| {section} | {metric} | {fmt(pg) if pg else '—'} | {fmt(ps) if ps else '—'} | {ratio} | {target} |")


def group(stack):
    """A sample's category: ANTLR (SQL lexing/parsing), else the top frame's library, with the nearest pgserve caller."""
    if any(m.startswith("org.antlr") for m in stack):
        callers = [m for m in stack if m.startswith("io.pgserve")][:3]
        return "ANTLR lexer/parser, via " + " < ".join(c.rsplit(".", 2)[-2] + "." + c.rsplit(".", 1)[-1] for c in callers)
    top = stack[0]
    lib = ("Netty" if top.startswith("io.netty") else "pgserve" if top.startswith("io.pgserve")
           else "JDK" if top.startswith(("java.", "jdk.", "sun.")) else top.split(".")[0])
    caller = next((m for m in stack if m.startswith("io.pgserve")), None)
    if lib == "pgserve" or caller is None:
        return lib + (": " + top.rsplit(".", 2)[-2] if lib == "pgserve" else " (event loop / I/O, no pgserve frame)")
    return f"{lib} called from {caller.rsplit('.', 2)[-2]}.{caller.rsplit('.', 1)[-1]}"


def gcheap(lines):
    """-Xlog:gc lines such as "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 23M->2M(64M) 1.2ms"."""
    import re
    after, before, n = 0.0, 0.0, 0
    unit = {"K": 1 / 1024, "M": 1, "G": 1024}
    for line in lines:
        m = re.search(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
        if m:
            n += 1
            before = max(before, int(m.group(1)) * unit[m.group(2)])
            after = max(after, int(m.group(3)) * unit[m.group(4)])
    if n == 0:
        print("after_gc_max_MB=none collections=0")
    else:
        print(f"after_gc_max_MB={after:.1f} before_gc_max_MB={before:.1f} collections={n}")


def jfr(path, n=20):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                         capture_output=True, text=True, timeout=300).stdout
    top, anywhere, groups, samples = Counter(), Counter(), Counter(), 0
    stack, in_stack = [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            in_stack, stack = True, []
        elif in_stack and s == "]":
            in_stack = False
            if stack:
                samples += 1
                top[stack[0]] += 1
                groups[group(stack)] += 1
                for m in set(stack):
                    if m.startswith("io.pgserve") or m.startswith("org.antlr"):
                        anywhere[m] += 1
        elif in_stack and s and s != "...":
            stack.append(s.split("  line:")[0].split("(")[0].strip())
    print(f"{samples} execution samples (jdk.ExecutionSample, Java threads only: not GC or JIT native time)")
    print("\nSelf time by where the top frame is (the first pgserve frame below a JDK/Netty one decides):")
    for g, c in groups.most_common(n):
        print(f"  {100.0 * c / max(1, samples):5.1f}%  {g}")
    print(f"\nTop {n} frames (self time):")
    for m, c in top.most_common(n):
        print(f"  {100.0 * c / max(1, samples):5.1f}%  {m}")
    print(f"\nTop {n} pgserve/ANTLR methods anywhere on the stack (inclusive):")
    for m, c in anywhere.most_common(n):
        print(f"  {100.0 * c / max(1, samples):5.1f}%  {m}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "cpu" and not os.path.exists(f"/proc/{args[0]}/stat"):
        sys.exit(1)  # the process is gone: no figure
    if cmd == "cpu":
        print(f"{cpu(args[0], len(args) > 1 and args[1] == 'tree'):.2f}")
    elif cmd == "mem":
        print(mem(args[0], "tree" in args[1:], "Rss" if "rss" in args[1:] else "Pss"))
    elif cmd == "peak":
        peak(args[0], args[1] == "tree", args[2], args[3])
    elif cmd == "median":
        median(args)
    elif cmd == "table":
        table(args[0])
    elif cmd == "gcheap":
        gcheap(sys.stdin)
    elif cmd == "jfr":
        jfr(args[0], int(args[1]) if len(args) > 1 else 20)
    else:
        sys.exit(f"unknown command {cmd}")
