package io.pgserve.testing.proof;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application code under test: a plain JDBC repository, as an application would write it, knowing nothing of
 * the test double. It retries a transaction that fails with 40001 serialization_failure, as PostgreSQL clients
 * must under REPEATABLE READ or SERIALIZABLE.
 */
public final class OrderRepository {
    static final int MAX_ATTEMPTS = 3;

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Places an order in one transaction, retrying serialization failures; returns the attempts it took. */
    public int placeOrder(long id, long customerId, BigDecimal total) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO orders (id, customer_id, total, status) VALUES (?, ?, ?, 'open')")) {
                        ps.setLong(1, id);
                        ps.setLong(2, customerId);
                        ps.setBigDecimal(3, total);
                        ps.executeUpdate();
                    }
                    c.commit();
                    return attempt;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"40001".equals(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    public Optional<BigDecimal> total(long orderId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBigDecimal(1)) : Optional.empty();
            }
        }
    }

    public long countByStatus(String status) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM orders WHERE status = ?")) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<String> customerNames() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM customers ORDER BY id")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    /** A report with a time limit, as the application sets it on its statements. */
    public long revenueReport(int timeoutSeconds) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = s.executeQuery("SELECT sum(total) FROM orders")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
