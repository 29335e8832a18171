package io.pgserve.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where and as whom to connect to a {@link PgTestServer}, for clients configured piece by piece.
 *
 * <pre>{@code
 * PgConnectionInfo c = pg.connectionInfo();
 * HikariConfig config = new HikariConfig();
 * config.setJdbcUrl(c.jdbcUrl());
 * config.setUsername(c.user());
 * config.setPassword(c.password());
 * }</pre>
 *
 * @param password the password, or {@code null} when the server trusts every client
 */
public record PgConnectionInfo(String host, int port, String database, String user, String password) {
    public PgConnectionInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
    }

    /** {@code jdbc:postgresql://host:port/database} (user and password not included). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A libpq connection URI, {@code postgresql://user:password@host:port/database}, for psql and non-Java clients. */
    public String uri() {
        String credentials = encode(user) + (password == null ? "" : ":" + encode(password));
        return "postgresql://" + credentials + "@" + host + ":" + port + "/" + encode(database);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "PgConnectionInfo[" + host + ":" + port + "/" + database + " as " + user + "]";
    }
}
