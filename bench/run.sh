#!/usr/bin/env bash
# bench/run.sh — pgserve against PostgreSQL 15, same machine, same run, one command.
#
#   bench/run.sh [--quick] [--jmh] [--no-profile]
#
# Starts a throw-away PostgreSQL 15 (initdb in a temp dir, fsync off, trust auth plus a SCRAM user, 127.0.0.1 on a
# free port; run as user pgtest — created if missing — when invoked as root) and the pgserve example servers
# (examples/target/pgserve-examples.jar: `select1` and `stream`, built with `mvn -o package` if missing), all on
# loopback, and measures, alternating the two servers:
#   1. pgbench `SELECT 1;` -M simple|extended|prepared at 1, 8, 32 clients: TPS and the server's CPU per transaction
#      (utime+stime from /proc/PID/stat; for PostgreSQL the postmaster + its live children + reaped children)
#   2. pgbench -C (a connection per transaction), trust and SCRAM: connections/s and server CPU per connection
#   3. a 1,000,000-row result (int4, 20-char text, float8): psql COPY TO STDOUT > /dev/null, and pgjdbc with and
#      without fetch size: rows/s, MB/s, the server's peak memory (Pss) during the read
#   4. 1,000 idle connections (and 10,000 when fds and memory allow): server memory per connection (Pss delta)
#   5. single-connection latency p50/p99 of a prepared SELECT 1 over 100,000 iterations (pgjdbc)
#   6. memdb TPC-B: pgbench -i -s SCALE, a warm-up, then the built-in TPC-B-like script, 8 clients, -M simple and
#      -M prepared: TPS, server CPU per transaction, failed transactions, and pgbench's own CPU per transaction
#      (PostgreSQL with fsync off, as the issue asks)
#   7. embedded start: PgServer build().start() to first accepted connection on a warm JVM (median)
# then prints one table (both servers, ratio pgserve/PostgreSQL, the issue's targets) and writes it, with the
# machine description and the raw per-run figures, to bench/results/<date>.md. --no-profile skips the JFR profile
# of pgserve under pgbench load (top frames appended to the results); --jmh also runs the JMH micro-benchmarks.
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10]  seconds per pgbench run      BENCH_REPS [3]   runs per figure (median reported)
#   BENCH_CLIENTS ["1 8 32"]                          BENCH_MODES ["simple extended prepared"]
#   BENCH_ROWS [1000000]  rows of the big result      BENCH_IDLE ["1000 10000"] idle connection counts
#   BENCH_LATENCY_ITER [100000]                       BENCH_WARMUP [5] seconds of warm-up load per server
#   BENCH_JAVA_OPTS [""]  extra JVM options for the pgserve servers
#   BENCH_STREAM_XMX [64m]  the stream server's -Xmx: its heap must hold the outbound buffers, not the result
#   BENCH_TPCB_SCALE [10]  pgbench -i scale for 6    BENCH_TPCB_DURATION [30] seconds per TPC-B run
#   BENCH_RESULTS [bench/results/<date>.md]
# --quick = BENCH_DURATION=3 BENCH_REPS=1 BENCH_ROWS=200000 BENCH_IDLE=1000 BENCH_LATENCY_ITER=20000
#   BENCH_WARMUP=3 BENCH_TPCB_DURATION=5 (TPC-B keeps the issue's scale 10: at scale 1 all 8 clients queue on one
#   branch row, which measures lock waits more than the server).
# Needs: /usr/lib/postgresql/15/bin, pgbench, psql, java 17+, python3, maven (only if the jars are missing).
# Every process started is stopped on exit (trap); every step has a time limit.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGBIN=/usr/lib/postgresql/15/bin
LIB="$ROOT/bench/lib.py"
EXAMPLES_JAR="$ROOT/examples/target/pgserve-examples.jar"
BENCH_JAR="$ROOT/benchmarks/target/pgserve-benchmarks.jar"

JMH=0
PROFILE=1
for arg in "$@"; do
    case "$arg" in
        --quick) : "${BENCH_DURATION:=3}" "${BENCH_REPS:=1}" "${BENCH_ROWS:=200000}" "${BENCH_IDLE:=1000}"
                 : "${BENCH_LATENCY_ITER:=20000}" "${BENCH_WARMUP:=3}"
                 : "${BENCH_TPCB_DURATION:=5}" ;;
        --jmh) JMH=1 ;;
        --no-profile) PROFILE=0 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done
D=${BENCH_DURATION:-10}
REPS=${BENCH_REPS:-3}
CLIENTS=${BENCH_CLIENTS:-"1 8 32"}
MODES=${BENCH_MODES:-"simple extended prepared"}
ROWS=${BENCH_ROWS:-1000000}
IDLE=${BENCH_IDLE:-"1000 10000"}
LAT_ITER=${BENCH_LATENCY_ITER:-100000}
WARMUP=${BENCH_WARMUP:-5}
TPCB_SCALE=${BENCH_TPCB_SCALE:-10}
TPCB_D=${BENCH_TPCB_DURATION:-30}
JAVA_OPTS=${BENCH_JAVA_OPTS:-}
STREAM_XMX=${BENCH_STREAM_XMX:-64m}
STAMP=$(date +%Y-%m-%d-%H%M)
LOAD0=$(cut -d" " -f1-3 /proc/loadavg)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/$STAMP.md}

die() { echo "run.sh: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# ---- prerequisites ---------------------------------------------------------------------------------------------
[ -x "$PGBIN/postgres" ] || die "PostgreSQL 15 not found in $PGBIN (apt-get install postgresql-15)"
for tool in pgbench psql java python3 timeout; do
    command -v "$tool" >/dev/null || die "$tool not found on PATH"
done
if [ ! -f "$EXAMPLES_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
    command -v mvn >/dev/null || die "jars missing and no mvn to build them"
    log "building the jars (mvn -o -DskipTests package)"
    (cd "$ROOT" && timeout 600 mvn -q -o -DskipTests package) || die "build failed"
fi

# ---- cleanup ---------------------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/pgserve-bench.XXXXXX)
PIDS=()
PG_PM=""
cleanup() {
    local p
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill "$p" 2>/dev/null
    done
    if [ -n "$PG_PM" ]; then
        kill -INT "$PG_PM" 2>/dev/null   # fast shutdown of the postmaster and its backends
    fi
    local i alive
    for ((i = 0; i < 100; i++)); do   # up to 10 s for everything to exit, then SIGKILL
        alive=""
        for p in "${PIDS[@]:-}" $PG_PM; do
            [ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1
        done
        [ -z "$alive" ] && break
        sleep 0.1
    done
    for p in "${PIDS[@]:-}" $PG_PM; do
        [ -n "$p" ] && kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null
    done
    wait 2>/dev/null
    mkdir -p /tmp/pgserve-bench-logs && cp "$WORK"/*.log /tmp/pgserve-bench-logs/ 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# More file descriptors for 10,000 connections (each side holds one per connection).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FDS=$(ulimit -n)

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_port() {   # wait_port PORT SECONDS
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# ---- PostgreSQL --------------------------------------------------------------------------------------------------
RUNAS=()
if [ "$(id -u)" = 0 ]; then
    id pgtest >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin pgtest || die "cannot create user pgtest"
    RUNAS=(runuser -u pgtest --)
    chown pgtest "$WORK"
fi
chmod 755 "$WORK"
MAXIDLE=0
for n in $IDLE; do [ "$n" -gt "$MAXIDLE" ] && MAXIDLE=$n; done
PG_MAXCONN=$((MAXIDLE + 100)); [ "$PG_MAXCONN" -lt 200 ] && PG_MAXCONN=200
PGPORT=$(free_port)
log "initdb (PostgreSQL 15, max_connections=$PG_MAXCONN, port $PGPORT)"
timeout 120 "${RUNAS[@]}" "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
cat >>"$WORK/pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$WORK'
max_connections = $PG_MAXCONN
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
logging_collector = off
log_min_messages = warning
EOF
cat >"$WORK/pgdata/pg_hba.conf" <<EOF
host all u 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
local all all trust
EOF
T0=$(date +%s.%N)
"${RUNAS[@]}" "$PGBIN/postgres" -D "$WORK/pgdata" >"$WORK/postgres.log" 2>&1 &
PIDS+=($!)
wait_port "$PGPORT" 60 || { tail -20 "$WORK/postgres.log" >&2; die "PostgreSQL did not start"; }
PG_START_MS=$(python3 -c "import time; print(round((time.time() - $T0) * 1000))")
for i in $(seq 50); do [ -s "$WORK/pgdata/postmaster.pid" ] && break; sleep 0.1; done
PG_PM=$(head -1 "$WORK/pgdata/postmaster.pid")
PG_VERSION=$(timeout 10 psql -X -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -Atc 'SHOW server_version')
timeout 10 psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "CREATE ROLE u LOGIN PASSWORD 'p'" \
    || die "cannot create the SCRAM role"
log "PostgreSQL $PG_VERSION up (postmaster $PG_PM) in ${PG_START_MS} ms"

# ---- pgserve -------------------------------------------------------------------------------------------------------
# A private copy of the jar: a rebuild of examples/ during the run cannot pull it from under the servers.
cp "$EXAMPLES_JAR" "$WORK/examples.jar" && cp "$BENCH_JAR" "$WORK/benchmarks.jar" || die "cannot copy the jars"
EXAMPLES_JAR="$WORK/examples.jar"; BENCH_JAR="$WORK/benchmarks.jar"
declare -A PS_PID PS_PORT PS_ARGS PS_JVM
# The stream server runs with a small heap and a GC log: heap in use after each collection during the 1M-row read
# shows what the stream keeps (Pss would mostly show the heap the JVM reserved).
PS_JVM[stream]="-Xmx$STREAM_XMX -Xlog:gc:file=$WORK/gc-stream.log"
start_pgserve() {   # start_pgserve NAME EXAMPLE [args...]
    local name=$1 example=$2; shift 2
    PS_ARGS[$name]="$example $*"
    local port=${PS_PORT[$name]:-}; [ -z "$port" ] && port=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS ${PS_JVM[$name]:-} -jar "$EXAMPLES_JAR" "$example" --host 127.0.0.1 --port "$port" "$@" \
        >>"$WORK/pgserve-$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    wait_port "$port" 60 || { tail -20 "$WORK/pgserve-$name.log" >&2; die "pgserve $example did not start"; }
    PS_PID[$name]=$pid
    PS_PORT[$name]=$port
    log "pgserve $example ($name) up: pid $pid port $port"
}
stop_pgserve() {
    local pid=${PS_PID[$1]}
    kill "$pid" 2>/dev/null
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
}
start_pgserve select1 select1 --max-connections 20000   # the idle-connection runs open up to 10,000
start_pgserve scram select1 --user u --password p --auth scram
start_pgserve stream stream
start_pgserve memdb memdb

# server KIND → port, pid, "tree" for CPU/memory accounting
port_of() { case $1 in pg|pgscram) echo "$PGPORT" ;; ps) echo "${PS_PORT[select1]}" ;;
            psscram) echo "${PS_PORT[scram]}" ;; psstream) echo "${PS_PORT[stream]}" ;;
            psmemdb) echo "${PS_PORT[memdb]}" ;; esac; }
pid_of() { case $1 in pg|pgscram) echo "$PG_PM" ;; ps) echo "${PS_PID[select1]}" ;;
           psscram) echo "${PS_PID[scram]}" ;; psstream) echo "${PS_PID[stream]}" ;;
           psmemdb) echo "${PS_PID[memdb]}" ;; esac; }
tree_of() { case $1 in pg*) echo tree ;; *) echo one ;; esac; }
name_of() { case $1 in ps) echo select1 ;; psscram) echo scram ;; psstream) echo stream ;; psmemdb) echo memdb ;; esac; }
# ensure KIND: the server must be running; a pgserve server that died is noted and restarted (and warmed up).
ensure() {
    case $1 in
        pg*) kill -0 "$PG_PM" 2>/dev/null || die "PostgreSQL died: $(tail -5 "$WORK/postgres.log")" ;;
        *) local name; name=$(name_of "$1")
           if ! kill -0 "${PS_PID[$name]}" 2>/dev/null; then
               wait "${PS_PID[$name]}" 2>/dev/null; local st=$?
               log "pgserve $name (pid ${PS_PID[$name]}) is gone (wait status $st); restarting it"
               raw "NOTE: pgserve $name (pid ${PS_PID[$name]}) was found dead (wait status $st) and restarted; log tail: $(tail -3 "$WORK/pgserve-$name.log" | tr '\n' ' ')"
               # shellcheck disable=SC2086
               start_pgserve "$name" ${PS_ARGS[$name]}
               PGPASSWORD=p timeout $((WARMUP + 30)) pgbench -n -h 127.0.0.1 -p "${PS_PORT[$name]}" \
                   -U "$(user_of "$1")" -f "$WORK/select1.sql" -M prepared -T "$WARMUP" -c 8 -j 2 postgres \
                   >/dev/null 2>&1
           fi ;;
    esac
}
cpu_of() { python3 "$LIB" cpu "$(pid_of "$1")" "$(tree_of "$1")"; }
mem_of() { python3 "$LIB" mem "$(pid_of "$1")" "$(tree_of "$1")"; }
user_of() { case $1 in *scram) echo u ;; *) echo postgres ;; esac; }
median() { python3 "$LIB" median "$@"; }

TSV="$WORK/results.tsv"
RAW="$WORK/raw.txt"
: >"$TSV"; : >"$RAW"
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >>"$TSV"; }
raw() { echo "$*" >>"$RAW"; }

# ---- 1, 2: pgbench ------------------------------------------------------------------------------------------------
echo 'SELECT 1;' >"$WORK/select1.sql"
# pgbench_run KIND MODE CLIENTS CONNECT(0|1) → sets TPS, CPU_PER_TX_US (server CPU µs per transaction)
pgbench_run() {
    local kind=$1 mode=$2 c=$3 connect=$4 out="$WORK/pgbench.out"
    local extra=(); [ "$connect" = 1 ] && extra=(-C)
    local jobs=2; [ "$c" -lt 2 ] && jobs=1
    local cpu0 cpu1
    ensure "$kind"
    cpu0=$(cpu_of "$kind")
    PGPASSWORD=p timeout $((D + 60)) pgbench -n -h 127.0.0.1 -p "$(port_of "$kind")" -U "$(user_of "$kind")" \
        -f "$WORK/select1.sql" -M "$mode" -T "$D" -c "$c" -j "$jobs" "${extra[@]}" postgres >"$out" 2>&1
    local rc=$?
    sleep 1   # let PostgreSQL reap the exited backends (their CPU then shows in the postmaster's cutime)
    cpu1=$(cpu_of "$kind")
    local n; n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
    TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -1)
    if [ "$rc" != 0 ] || [ -z "$n" ] || [ "$n" = 0 ]; then
        log "pgbench failed on $kind ($mode, $c clients, -C=$connect): $(grep -m3 -i 'error\|fatal' "$out" | tr '\n' ' ')"
        TPS=""; CPU_PER_TX_US=""; return 1
    fi
    CPU_PER_TX_US=$(python3 -c "print(f'{($cpu1 - $cpu0) * 1e6 / $n:.2f}')")
    raw "pgbench $kind -M $mode -c $c -C=$connect: tps=$TPS tx=$n server_cpu_s=$(python3 -c "print(round($cpu1-$cpu0,2))") cpu_per_tx_us=$CPU_PER_TX_US"
}

# Every protocol mode and the connection path are warmed up: a JVM compiling a path during a measured run would
# count the JIT's CPU against that run (the first -M simple -c 1 run used to cost 3-10x its steady figure).
log "warm-up: ${WARMUP}s of pgbench -c 8 per mode ($MODES) and of -C, on each server"
for kind in pg ps; do
    for mode in $MODES connect; do
        extra=(-M "$mode"); [ "$mode" = connect ] && extra=(-M simple -C)
        PGPASSWORD=p timeout $((WARMUP + 30)) pgbench -n -h 127.0.0.1 -p "$(port_of $kind)" -U postgres \
            -f "$WORK/select1.sql" "${extra[@]}" -T "$WARMUP" -c 8 -j 2 postgres >/dev/null 2>&1 \
            || log "warm-up of $kind ($mode) failed"
    done
done

for mode in $MODES; do
    for c in $CLIENTS; do
        declare -a tps_pg=() tps_ps=() cpu_pg=() cpu_ps=()
        for ((r = 0; r < REPS; r++)); do
            order="pg ps"; [ $((r % 2)) = 1 ] && order="ps pg"
            for kind in $order; do
                pgbench_run "$kind" "$mode" "$c" 0
                if [ "$kind" = pg ]; then tps_pg+=("$TPS"); cpu_pg+=("$CPU_PER_TX_US")
                else tps_ps+=("$TPS"); cpu_ps+=("$CPU_PER_TX_US"); fi
            done
        done
        log "SELECT 1 -M $mode -c $c: tps pg=${tps_pg[*]} ps=${tps_ps[*]}; cpu/tx µs pg=${cpu_pg[*]} ps=${cpu_ps[*]}"
        row 1 "SELECT 1 -M $mode -c $c: TPS" "$(median "${tps_pg[@]}")" "$(median "${tps_ps[@]}")"
        row 1 "SELECT 1 -M $mode -c $c: server CPU µs/tx" "$(median "${cpu_pg[@]}")" "$(median "${cpu_ps[@]}")" "≤ 0.6×"
    done
done

for auth in trust scram; do
    pgk=pg; psk=ps; [ "$auth" = scram ] && { pgk=pgscram; psk=psscram; }
    declare -a tps_pg=() tps_ps=() cpu_pg=() cpu_ps=()
    for ((r = 0; r < REPS; r++)); do
        order="$pgk $psk"; [ $((r % 2)) = 1 ] && order="$psk $pgk"
        for kind in $order; do
            pgbench_run "$kind" simple 8 1
            if [ "$kind" = "$pgk" ]; then tps_pg+=("$TPS"); cpu_pg+=("$CPU_PER_TX_US")
            else tps_ps+=("$TPS"); cpu_ps+=("$CPU_PER_TX_US"); fi
        done
    done
    log "connect ($auth): conn/s pg=${tps_pg[*]} ps=${tps_ps[*]}; cpu/conn µs pg=${cpu_pg[*]} ps=${cpu_ps[*]}"
    tgt=""; [ "$auth" = trust ] && tgt="≥ 15×"
    row 2 "pgbench -C -c 8 ($auth): connections/s" "$(median "${tps_pg[@]}")" "$(median "${tps_ps[@]}")" "$tgt"
    row 2 "pgbench -C -c 8 ($auth): server CPU µs/connection" "$(median "${cpu_pg[@]}")" "$(median "${cpu_ps[@]}")"
done

# ---- 3: big result -----------------------------------------------------------------------------------------------
BIGQ="SELECT i, substr(md5(i::text), 1, 20), i / 3.0::float8 FROM generate_series(1, $ROWS) i"
kind_big() { [ "$1" = pg ] && echo pg || echo psstream; }
# with_peak KIND CMD... : runs CMD while sampling the server's memory; sets SECS, PEAK_MB
with_peak() {
    local kind=$1; shift
    ensure "$kind"
    rm -f "$WORK/stop" "$WORK/peak"
    python3 "$LIB" peak "$(pid_of "$kind")" "$(tree_of "$kind")" "$WORK/stop" "$WORK/peak" &
    local sampler=$!
    local gclines=0; [ -f "$WORK/gc-stream.log" ] && gclines=$(wc -l <"$WORK/gc-stream.log")
    local t0; t0=$(date +%s.%N)
    "$@"
    local rc=$?
    SECS=$(python3 -c "import time; print(f'{time.time() - $t0:.4f}')")
    touch "$WORK/stop"; wait "$sampler"
    PEAK_MB=$(python3 -c "print(f'{int(open(\"$WORK/peak\").read()) / 1024:.1f}')")
    HEAP=""   # pgserve: "max heap after GC MB, max heap before GC MB, collections" during the run, from the GC log
    if [ "$kind" = psstream ] && [ -f "$WORK/gc-stream.log" ]; then
        HEAP=$(tail -n +$((gclines + 1)) "$WORK/gc-stream.log" | python3 "$LIB" gcheap)
    fi
    return $rc
}
log "big result: $ROWS rows; checking that both servers send the same COPY bytes"
for k in pg ps; do
    ensure "$(kind_big $k)"
    timeout 300 psql -X -h 127.0.0.1 -p "$(port_of "$(kind_big $k)")" -U postgres -d postgres \
        -c "COPY ($BIGQ) TO STDOUT" >"$WORK/copy-$k.txt" || die "COPY on $k failed"
done
COPY_BYTES=$(stat -c %s "$WORK/copy-pg.txt")
if cmp -s "$WORK/copy-pg.txt" "$WORK/copy-ps.txt"; then SAME="identical"; else SAME="DIFFERENT"; fi
raw "COPY output: PostgreSQL $COPY_BYTES bytes, pgserve $(stat -c %s "$WORK/copy-ps.txt") bytes: $SAME"
rm -f "$WORK/copy-pg.txt" "$WORK/copy-ps.txt"

copy_run() {
    timeout 300 psql -X -h 127.0.0.1 -p "$(port_of "$1")" -U postgres -d postgres -c "COPY ($BIGQ) TO STDOUT" >/dev/null
}
jdbc_run() {   # jdbc_run KIND FETCHSIZE
    timeout 300 java -Xmx3g -cp "$BENCH_JAR" io.pgserve.benchmarks.client.JdbcRead \
        "jdbc:postgresql://127.0.0.1:$(port_of "$1")/postgres" postgres "" "$BIGQ" "$2" >"$WORK/jdbc.out" 2>&1
}
for test in copy jdbc0 jdbc10000; do
    declare -a rps_pg=() rps_ps=() mbs_pg=() mbs_ps=() peak_pg=() peak_ps=() heap_ps=()
    for ((r = 0; r < REPS; r++)); do
        order="pg ps"; [ $((r % 2)) = 1 ] && order="ps pg"
        for k in $order; do
            kind=$(kind_big $k)
            case $test in
                copy) with_peak "$kind" copy_run "$kind"; ok=$?; bytes=$COPY_BYTES ;;
                jdbc*) with_peak "$kind" jdbc_run "$kind" "${test#jdbc}"; ok=$?
                       bytes=$(sed -n 's/.*bytes=\([0-9-]*\).*/\1/p' "$WORK/jdbc.out")
                       secs=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$WORK/jdbc.out")
                       n=$(sed -n 's/^rows=\([0-9]*\).*/\1/p' "$WORK/jdbc.out")
                       [ "$n" = "$ROWS" ] || ok=1
                       [ -n "$secs" ] && SECS=$secs ;;
            esac
            if [ "$ok" != 0 ]; then
                log "$test on $k failed: $(tail -3 "$WORK/jdbc.out" 2>/dev/null | tr '\n' ' ')"; continue
            fi
            rps=$(python3 -c "print(f'{$ROWS / $SECS:.0f}')")
            mbs=$(python3 -c "print(f'{$bytes / $SECS / 1e6:.1f}')")
            raw "$test $k: ${SECS}s rows/s=$rps MB/s=$mbs server_peak_pss_MB=$PEAK_MB${HEAP:+ heap: $HEAP}"
            if [ "$k" = pg ]; then rps_pg+=("$rps"); mbs_pg+=("$mbs"); peak_pg+=("$PEAK_MB")
            else rps_ps+=("$rps"); mbs_ps+=("$mbs"); peak_ps+=("$PEAK_MB")
                 heap_ps+=("$(echo "$HEAP" | sed -n 's/.*after_gc_max_MB=\([0-9.]*\).*/\1/p')"); fi
        done
    done
    case $test in copy) label="psql COPY TO STDOUT" ;; jdbc0) label="pgjdbc, no fetch size" ;;
                  *) label="pgjdbc, fetch size ${test#jdbc}" ;; esac
    log "$label: rows/s pg=${rps_pg[*]:-} ps=${rps_ps[*]:-}"
    tgt=""; [ "$test" = copy ] && tgt="≥ 1×"
    row 3 "$ROWS rows, $label: rows/s" "$(median "${rps_pg[@]:-x}")" "$(median "${rps_ps[@]:-x}")" "$tgt"
    row 3 "$ROWS rows, $label: MB/s" "$(median "${mbs_pg[@]:-x}")" "$(median "${mbs_ps[@]:-x}")"
    row 3 "$ROWS rows, $label: server peak memory MB (Pss)" "$(median "${peak_pg[@]:-x}")" "$(median "${peak_ps[@]:-x}")"
    row 3 "$ROWS rows, $label: pgserve heap in use after GC, max MB (-Xmx$STREAM_XMX)" "" "$(median "${heap_ps[@]:-x}")" "bounded"
done

# ---- 4: idle connections ----------------------------------------------------------------------------------------
# idle_run KIND N → sets KB_PER_CONN ("" on failure)
idle_run() {
    local kind=$1 n=$2 pid; pid=$(pid_of "$1")
    KB_PER_CONN=""
    ensure "$kind"; pid=$(pid_of "$kind")
    [ "$kind" = ps ] && timeout 30 jcmd "$pid" GC.run >/dev/null 2>&1
    sleep 1
    local m0; m0=$(mem_of "$kind")
    local fifo="$WORK/idle.fifo"; rm -f "$fifo"; mkfifo "$fifo"
    timeout 600 java -Xmx4g -Xss256k -cp "$BENCH_JAR" io.pgserve.benchmarks.client.IdleConnections \
        "jdbc:postgresql://127.0.0.1:$(port_of "$kind")/postgres?loginTimeout=30" postgres "" "$n" 8 540 \
        <"$fifo" >"$WORK/idle.out" 2>&1 &
    local client=$!
    PIDS+=("$client")
    exec 7>"$fifo"   # holding the fifo open keeps the client holding its connections
    local i
    for ((i = 0; i < 3000; i++)); do
        grep -q '^READY\|^FAILED' "$WORK/idle.out" 2>/dev/null && break
        kill -0 "$client" 2>/dev/null || break
        sleep 0.2
    done
    if grep -q '^READY' "$WORK/idle.out"; then
        sleep 2
        [ "$kind" = ps ] && timeout 30 jcmd "$pid" GC.run >/dev/null 2>&1 && sleep 1
        local m1; m1=$(mem_of "$kind")
        KB_PER_CONN=$(python3 -c "print(f'{($m1 - $m0) / $n:.1f}')")
        raw "idle $kind n=$n: $(head -1 "$WORK/idle.out") server_pss_kB before=$m0 after=$m1 per_conn_kB=$KB_PER_CONN"
    else
        log "idle connections on $kind: $(head -c 400 "$WORK/idle.out")"
        raw "idle $kind n=$n: failed: $(head -c 400 "$WORK/idle.out")"
    fi
    exec 7>&-
    wait "$client" 2>/dev/null
    rm -f "$fifo"
    sleep 3   # PostgreSQL's backends exit, pgserve's sessions close
}
PG_KB1000=""
for n in $IDLE; do
    if [ "$n" -ge $((FDS - 200)) ]; then
        log "skipped $n idle connections: fd limit is $FDS (ulimit -n)"
        row 4 "$n idle connections: server memory kB/connection" "" "" "skipped: fd limit $FDS"
        continue
    fi
    skip_pg=""
    if [ -n "$PG_KB1000" ]; then   # PostgreSQL at n: only if the projected memory fits comfortably
        avail=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
        need=$(python3 -c "print(int($PG_KB1000 * $n * 1.5))")
        [ "$need" -gt "$avail" ] && skip_pg="projected ${need} kB > MemAvailable ${avail} kB"
    fi
    [ "$n" -gt "$PG_MAXCONN" ] && skip_pg="max_connections $PG_MAXCONN"
    if [ -n "$skip_pg" ]; then log "PostgreSQL skipped at $n idle connections: $skip_pg"; pgv=""
    else idle_run pg "$n"; pgv=$KB_PER_CONN; [ -z "$PG_KB1000" ] && PG_KB1000=$pgv; fi
    idle_run ps "$n"; psv=$KB_PER_CONN
    row 4 "$n idle connections: server memory kB/connection (Pss delta)" "$pgv" "$psv" "≤ 0.05×"
done

# ---- 5: latency ----------------------------------------------------------------------------------------------------
declare -a p50_pg=() p50_ps=() p99_pg=() p99_ps=()
for ((r = 0; r < REPS; r++)); do
    for k in pg ps; do
        ensure $k
        timeout 300 java -cp "$BENCH_JAR" io.pgserve.benchmarks.client.Latency \
            "jdbc:postgresql://127.0.0.1:$(port_of $k)/postgres" postgres "" "$LAT_ITER" >"$WORK/lat.out" 2>&1 \
            || { log "latency on $k failed: $(tail -2 "$WORK/lat.out")"; continue; }
        raw "latency $k: $(cat "$WORK/lat.out")"
        p50=$(sed -n 's/.*p50_us=\([0-9.]*\).*/\1/p' "$WORK/lat.out")
        p99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' "$WORK/lat.out")
        if [ $k = pg ]; then p50_pg+=("$p50"); p99_pg+=("$p99"); else p50_ps+=("$p50"); p99_ps+=("$p99"); fi
    done
done
row 5 "prepared SELECT 1, 1 connection, $LAT_ITER iterations: p50 µs" "$(median "${p50_pg[@]:-x}")" "$(median "${p50_ps[@]:-x}")"
row 5 "prepared SELECT 1, 1 connection, $LAT_ITER iterations: p99 µs" "$(median "${p99_pg[@]:-x}")" "$(median "${p99_ps[@]:-x}")"

# ---- 6: memdb ----------------------------------------------------------------------------------------------------
# pgbench's own TPC-B-like script over its own tables (pgbench -i: COPY), 8 clients, -M simple and -M prepared;
# PostgreSQL runs with fsync off. Each server first runs the script for WARMUP seconds (not counted), so that neither
# a cold JIT nor cold caches are measured. pgbench's own CPU per transaction is recorded too: it shares the two cores,
# so it bounds the TPS any server can reach.
declare -a tpcb_pg=() tpcb_ps=() tpcbcpu_pg=() tpcbcpu_ps=() tpcbcli_pg=() tpcbcli_ps=()
declare -a tpcbp_pg=() tpcbp_ps=() tpcbpcpu_pg=() tpcbpcpu_ps=()
TPCB_FAILED=0
TIME_BIN=$(command -v time 2>/dev/null | grep / || true); [ -x /usr/bin/time ] && TIME_BIN=/usr/bin/time
for k in pg psmemdb; do
    ensure $k
    log "6. pgbench -i -s $TPCB_SCALE on $k, then ${WARMUP}s of TPC-B warm-up"
    if ! timeout 900 pgbench -i -q -s "$TPCB_SCALE" -h 127.0.0.1 -p "$(port_of $k)" -U postgres postgres \
            >"$WORK/tpcb-init-$k.out" 2>&1; then
        log "pgbench -i on $k failed: $(tail -3 "$WORK/tpcb-init-$k.out" | tr '\n' ' ')"
    fi
    for mode in simple prepared; do
        timeout $((WARMUP + 60)) pgbench -n -h 127.0.0.1 -p "$(port_of $k)" -U postgres -c 8 -j 2 -T "$WARMUP" \
            -M $mode postgres >/dev/null 2>&1 || log "TPC-B warm-up of $k ($mode) failed"
    done
done
for ((r = 0; r < REPS; r++)); do
    for mode in simple prepared; do
        for k in pg psmemdb; do
            ensure $k
            out="$WORK/tpcb.out"
            cpu0=$(cpu_of $k)
            timer=(); [ -n "$TIME_BIN" ] && timer=("$TIME_BIN" -f '%U %S' -o "$WORK/tpcb.time")
            timeout $((TPCB_D + 120)) "${timer[@]}" pgbench -n -h 127.0.0.1 -p "$(port_of $k)" -U postgres -c 8 \
                -j 2 -T "$TPCB_D" -M $mode postgres >"$out" 2>&1
            sleep 1
            cpu1=$(cpu_of $k)
            n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
            failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
            tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -1)
            if [ -z "$n" ] || [ "$n" = 0 ]; then
                log "TPC-B on $k ($mode) failed: $(grep -m3 -i 'error\|fatal\|abort' "$out" | tr '\n' ' ')"; continue
            fi
            [ -n "$failed" ] && [ "$failed" != 0 ] && TPCB_FAILED=$((TPCB_FAILED + failed))
            cpu=$(python3 -c "print(f'{($cpu1 - $cpu0) * 1e6 / $n:.2f}')")
            cli=x
            if [ -n "$TIME_BIN" ] && [ -s "$WORK/tpcb.time" ]; then
                cli=$(python3 -c "u, s = open('$WORK/tpcb.time').read().split()[-2:]; print(f'{(float(u) + float(s)) * 1e6 / $n:.2f}')" 2>/dev/null || echo x)
            fi
            raw "tpcb $k $mode scale=$TPCB_SCALE: tps=$tps tx=$n failed=${failed:-0} cpu_per_tx_us=$cpu pgbench_cpu_per_tx_us=$cli"
            if [ $mode = simple ]; then
                if [ $k = pg ]; then tpcb_pg+=("$tps"); tpcbcpu_pg+=("$cpu"); tpcbcli_pg+=("$cli")
                else tpcb_ps+=("$tps"); tpcbcpu_ps+=("$cpu"); tpcbcli_ps+=("$cli"); fi
            else
                if [ $k = pg ]; then tpcbp_pg+=("$tps"); tpcbpcpu_pg+=("$cpu")
                else tpcbp_ps+=("$tps"); tpcbpcpu_ps+=("$cpu"); fi
            fi
        done
    done
done
row 6 "TPC-B (pgbench -i -s $TPCB_SCALE, 8 clients, ${TPCB_D}s) on memdb, simple: TPS" "$(median "${tpcb_pg[@]:-x}")" "$(median "${tpcb_ps[@]:-x}")" "≥ 2×" "failed transactions: $TPCB_FAILED"
row 6 "TPC-B on memdb, simple: server CPU µs per transaction" "$(median "${tpcbcpu_pg[@]:-x}")" "$(median "${tpcbcpu_ps[@]:-x}")"
row 6 "TPC-B on memdb, prepared: TPS" "$(median "${tpcbp_pg[@]:-x}")" "$(median "${tpcbp_ps[@]:-x}")" "≥ 2×"
row 6 "TPC-B on memdb, prepared: server CPU µs per transaction" "$(median "${tpcbpcpu_pg[@]:-x}")" "$(median "${tpcbpcpu_ps[@]:-x}")"
row 6 "TPC-B, simple: pgbench's own CPU µs per transaction (the client, on the same cores)" "$(median "${tpcbcli_pg[@]:-x}")" "$(median "${tpcbcli_ps[@]:-x}")"

# ---- 7: embedded start -----------------------------------------------------------------------------------------
log "embedded start-up (warm JVM)"
if timeout 300 java -cp "$BENCH_JAR" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        io.pgserve.benchmarks.client.StartupTime 200 50 >"$WORK/start.out" 2>"$WORK/start.err"; then
    raw "startup: $(tail -1 "$WORK/start.out")"
    s=$(sed -n 's/.*start_to_accept_ms_p50=\([0-9.]*\).*/\1/p' "$WORK/start.out")
    q=$(sed -n 's/.*start_to_first_query_ms_p50=\([0-9.]*\).*/\1/p' "$WORK/start.out")
    raw "PostgreSQL cold start (postgres launched → accepting TCP), for scale only: ${PG_START_MS} ms"
    row 7 "embedded start() → first accepted connection, ms (median, warm JVM)" "" "$s" "< 50 ms"
    row 7 "embedded start() → first SELECT 1 answered via pgjdbc, ms (median)" "" "$q"
else
    log "start-up benchmark failed: $(tail -3 "$WORK/start.err")"
fi

# ---- profile -------------------------------------------------------------------------------------------------------
PROFILE_TXT=""
if [ "$PROFILE" = 1 ]; then
    log "JFR profile of pgserve select1 under pgbench -M prepared -c 8 (${D}s)"
    ensure ps; pid=${PS_PID[select1]}
    # The JDK's "profile" settings with Java execution sampled every 1 ms instead of 10 (more samples in a short run).
    jfc="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc"
    settings=profile
    if [ -f "$jfc" ]; then
        python3 - "$jfc" "$WORK/fine.jfc" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'(<event name="jdk.ExecutionSample">.*?<setting name="period"[^>]*>)[^<]*(<)', r'\g<1>1 ms\2', s, flags=re.S)
open(sys.argv[2], "w").write(s)
PY
        settings="$WORK/fine.jfc"
    fi
    if timeout 30 jcmd "$pid" JFR.start name=bench settings="$settings" >/dev/null 2>&1; then
        timeout $((D + 60)) pgbench -n -h 127.0.0.1 -p "${PS_PORT[select1]}" -U postgres -f "$WORK/select1.sql" \
            -M prepared -T "$D" -c 8 -j 2 postgres >/dev/null 2>&1
        timeout 60 jcmd "$pid" JFR.stop name=bench filename="$WORK/select1.jfr" >/dev/null 2>&1
        PROFILE_TXT=$(timeout 300 python3 "$LIB" jfr "$WORK/select1.jfr" 25 2>&1)
    else
        PROFILE_TXT="JFR could not be started (jcmd JFR.start failed)"
    fi
fi

# ---- report --------------------------------------------------------------------------------------------------------
TABLE=$(python3 "$LIB" table "$TSV")
echo
echo "$TABLE"
mkdir -p "$(dirname "$RESULTS")"
{
    echo "# pgserve vs PostgreSQL $PG_VERSION — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Command: \`bench/run.sh $*\` (BENCH_DURATION=$D, BENCH_REPS=$REPS: median of $REPS runs, servers alternated;"
    echo "git $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo '+dirty'))."
    echo
    echo "## Machine"
    echo
    echo '```'
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    free -m | sed -n '1,2p'
    echo "kernel: $(uname -srm)"
    java -version 2>&1
    echo "pgbench: $(pgbench --version)"
    echo "ulimit -n: $FDS"
    echo "load average before the run: $LOAD0, after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo '```'
    echo
    echo "## Results"
    echo
    echo "$TABLE"
    echo
    echo "How measured: server CPU = utime+stime from /proc/PID/stat before and after each run (PostgreSQL: postmaster"
    echo "+ live children + reaped children's cutime/cstime, i.e. backends and background processes; pgserve: the JVM,"
    echo "all threads including GC and JIT), divided by the transactions pgbench reports. pgbench runs on the same 2"
    echo "cores, so TPS is capped by the client; CPU per transaction is the server-side figure. Memory = Pss from"
    echo "/proc/PID/smaps_rollup (PostgreSQL: summed over the postmaster and its children). Idle connections:"
    echo "Pss delta after opening them (pgserve after a full GC), divided by their number. Big result: server peak"
    echo "memory sampled every 100 ms during the read; pgserve's heap: the largest heap in use after a collection"
    echo "during the read (GC log; the stream server runs with -Xmx$STREAM_XMX, so a heap that grew with the result"
    echo "would fail); MB/s counts COPY text bytes (psql) or the bytes the client"
    echo "read from its socket (pgjdbc). Row 7's PostgreSQL figure is its cold process start (postgres to accepting"
    echo "TCP), shown for scale only; pgserve's is build().start() to an accepted connection in a warm JVM."
    echo
    echo "## Raw runs"
    echo
    echo '```'
    cat "$RAW"
    echo '```'
    if [ -n "$PROFILE_TXT" ]; then
        echo
        echo "## Where pgserve's time goes: JFR, select1 under pgbench -M prepared -c 8 -j 2 for ${D}s"
        echo
        echo '```'
        echo "$PROFILE_TXT"
        echo '```'
    fi
} >"$RESULTS"

if [ "$JMH" = 1 ]; then
    log "JMH micro-benchmarks (several minutes)"
    {
        echo
        echo "## JMH micro-benchmarks"
        echo
        echo '```'
        timeout 3600 java -jar "$BENCH_JAR" -rf text -rff "$WORK/jmh.txt" \
            'FrameDecodeBenchmark|DataRowBenchmark|StatementCacheBenchmark|ParseBenchmark' >"$WORK/jmh.log" 2>&1 \
            || echo "JMH failed: $(tail -5 "$WORK/jmh.log")"
        cat "$WORK/jmh.txt" 2>/dev/null
        echo '```'
    } >>"$RESULTS"
fi
echo
echo "Written to $RESULTS"
