package io.pgserve.benchmarks.client;

import io.pgserve.server.Column;
import io.pgserve.server.PgServer;
import io.pgserve.server.QueryResult;
import io.pgserve.server.types.PgType;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Embedded start-up time on a warm JVM: {@code PgServer.builder()...build().start()} until a TCP connect to it
 * succeeds, then {@code close()}; WARMUP untimed rounds, then ROUNDS timed ones. Also times start-up to the first
 * {@code SELECT 1} answered through pgjdbc (connection set-up included). Prints medians and p90s in milliseconds.
 *
 * <pre>java -cp pgserve-benchmarks.jar io.pgserve.benchmarks.client.StartupTime [ROUNDS] [WARMUP]</pre>
 */
public final class StartupTime {
    private StartupTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long[] accept = new long[rounds];
        long[] firstQuery = new long[rounds];
        long[] close = new long[rounds];
        for (int i = -warmup; i < rounds; i++) {
            long t0 = System.nanoTime();
            PgServer server = start();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            }
            long t1 = System.nanoTime();
            server.close();
            long t2 = System.nanoTime();
            long t3 = System.nanoTime();
            PgServer server2 = start();
            try (Connection c = DriverManager.getConnection(server2.jdbcUrl("postgres"), Util.props("bench", ""));
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            long t4 = System.nanoTime();
            server2.close();
            if (i >= 0) {
                accept[i] = t1 - t0;
                close[i] = t2 - t1;
                firstQuery[i] = t4 - t3;
            }
        }
        long[] a = Util.sorted(accept);
        long[] q = Util.sorted(firstQuery);
        long[] c = Util.sorted(close);
        System.out.printf("start_to_accept_ms_p50=%.2f start_to_accept_ms_p90=%.2f start_to_first_query_ms_p50=%.2f "
                        + "start_to_first_query_ms_p90=%.2f close_ms_p50=%.2f rounds=%d%n",
                Util.quantile(a, 0.5) / 1e6, Util.quantile(a, 0.9) / 1e6, Util.quantile(q, 0.5) / 1e6,
                Util.quantile(q, 0.9) / 1e6, Util.quantile(c, 0.5) / 1e6, rounds);
    }

    private static PgServer start() {
        List<Column> columns = List.of(Column.of("?column?", PgType.INT4));
        return PgServer.builder().host("127.0.0.1").port(0)
                .handler(session -> query -> QueryResult.rows(columns, List.<Object[]>of(new Object[] {1})))
                .build().start();
    }
}
