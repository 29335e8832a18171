package io.pgserve.engine.clients;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A small data-access layer over plain JDBC, written as an application would write one against PostgreSQL: accounts
 * with CRUD, and a transfer between two accounts in one transaction that rolls back when it cannot complete. The
 * tests run it against memdb; nothing in it knows it is not talking to PostgreSQL.
 */
final class AccountRepository {
    /** A row of {@code accounts}. */
    record Account(long id, String owner, BigDecimal balance, LocalDate opened, boolean active, UUID token,
                   Instant updated) {
    }

    /** A transfer the source account cannot cover. */
    static final class InsufficientFunds extends Exception {
        InsufficientFunds(long account) {
            super("account " + account + " cannot cover the transfer");
        }
    }

    private static final String COLUMNS = "id, owner, balance, opened, active, token, updated";

    private final DataSource dataSource;

    AccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS accounts (id bigserial PRIMARY KEY, owner text NOT NULL UNIQUE, "
                    + "balance numeric(12,2) NOT NULL DEFAULT 0, opened date, active boolean NOT NULL DEFAULT true, "
                    + "token uuid, updated timestamptz)");
        }
    }

    /** Inserts an account; returns its generated id. */
    long insert(String owner, BigDecimal balance, LocalDate opened, UUID token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO accounts (owner, balance, opened, token, updated) VALUES (?, ?, ?, ?, ?)",
                     new String[] {"id"})) {
            ps.setString(1, owner);
            ps.setBigDecimal(2, balance);
            ps.setObject(3, opened);
            ps.setObject(4, token);
            ps.setTimestamp(5, Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id");
                }
                return keys.getLong(1);
            }
        }
    }

    Optional<Account> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    /** Active accounts whose owner starts with {@code prefix} and whose balance is at least {@code min}, by id. */
    List<Account> findActive(String prefix, BigDecimal min) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts "
                     + "WHERE active AND owner LIKE ? AND balance >= ? ORDER BY id")) {
            ps.setString(1, prefix + "%");
            ps.setBigDecimal(2, min);
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        }
    }

    boolean update(long id, BigDecimal balance, boolean active) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE accounts SET balance = ?, active = ?, updated = ? WHERE id = ?")) {
            ps.setBigDecimal(1, balance);
            ps.setBoolean(2, active);
            ps.setTimestamp(3, Timestamp.from(Instant.parse("2024-06-01T12:00:00Z")));
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Moves {@code amount} from one account to another in one transaction: the credit first, then the debit, which
     * only succeeds when the source can cover it — otherwise the whole transaction (the credit too) rolls back.
     */
    void transfer(long from, long to, BigDecimal amount) throws SQLException, InsufficientFunds {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement credit = c.prepareStatement(
                         "UPDATE accounts SET balance = balance + ? WHERE id = ?");
                 PreparedStatement debit = c.prepareStatement(
                         "UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?")) {
                credit.setBigDecimal(1, amount);
                credit.setLong(2, to);
                if (credit.executeUpdate() != 1) {
                    throw new SQLException("no account " + to);
                }
                debit.setBigDecimal(1, amount);
                debit.setLong(2, from);
                debit.setBigDecimal(3, amount);
                if (debit.executeUpdate() != 1) {
                    throw new InsufficientFunds(from);
                }
                c.commit();
            } catch (SQLException | InsufficientFunds | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Opens several accounts in one transaction: all of them, or (on any error) none. */
    List<Long> openAll(List<String> owners) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (owner) VALUES (?) RETURNING id")) {
                List<Long> ids = new ArrayList<>();
                for (String owner : owners) {
                    ps.setString(1, owner);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
                c.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    BigDecimal totalBalance() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(balance), 0) FROM accounts")) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated");
        return new Account(rs.getLong("id"), rs.getString("owner"), rs.getBigDecimal("balance"),
                rs.getObject("opened", LocalDate.class), rs.getBoolean("active"), rs.getObject("token", UUID.class),
                updated == null ? null : updated.toInstant());
    }
}
