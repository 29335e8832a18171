package io.pgserve.benchmarks.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Reads a whole result with pgjdbc and prints {@code rows=N bytes=B seconds=S}, bytes being what the client read
 * from its socket. {@code fetchSize} 0 reads the result in one go (pgjdbc buffers it all); otherwise a portal is
 * fetched {@code fetchSize} rows at a time (autocommit off, as pgjdbc requires).
 *
 * <pre>java -cp pgserve-benchmarks.jar io.pgserve.benchmarks.client.JdbcRead URL USER PASSWORD SQL FETCHSIZE</pre>
 */
public final class JdbcRead {
    private JdbcRead() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: JdbcRead URL USER PASSWORD SQL FETCHSIZE");
            System.exit(2);
        }
        int fetchSize = Integer.parseInt(args[4]);
        try (Connection c = DriverManager.getConnection(args[0], Util.props(args[1], args[2]))) {
            c.setAutoCommit(fetchSize == 0);
            long bytes0 = Util.readBytes();
            long t0 = System.nanoTime();
            long rows = 0;
            long checksum = 0;
            try (Statement st = c.createStatement()) {
                st.setFetchSize(fetchSize);
                try (ResultSet rs = st.executeQuery(args[3])) {
                    while (rs.next()) {
                        checksum += rs.getInt(1) + rs.getString(2).length() + (long) rs.getDouble(3);
                        rows++;
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long bytes = Util.readBytes() - bytes0;
            if (fetchSize != 0) {
                c.commit();
            }
            System.out.printf("rows=%d bytes=%d seconds=%.4f checksum=%d%n", rows, bytes, seconds, checksum);
        }
    }
}
