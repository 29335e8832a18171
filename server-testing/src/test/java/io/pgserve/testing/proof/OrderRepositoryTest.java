package io.pgserve.testing.proof;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pgserve.server.types.PgType;
import io.pgserve.testing.junit.PgTestExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.pgserve.testing.Stubbing.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The proof: an application's repository, through HikariCP and pgjdbc, against one double for the class, seeded
 * from a Flyway-style migration folder.
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderRepositoryTest {
    @RegisterExtension
    static PgTestExtension pg = PgTestExtension.builder()
            .seed("classpath:db/migration")
            .build();

    static HikariDataSource pool;
    OrderRepository repository;

    @BeforeAll
    static void pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.connectionInfo().jdbcUrl());
        config.setUsername(pg.connectionInfo().user());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void repository() {
        repository = new OrderRepository(pool);
    }

    @Test
    @Order(1)
    void a_test_that_changes_data() throws SQLException {
        assertEquals(1, repository.placeOrder(700, 1, new BigDecimal("70.00")));
        assertEquals(2, repository.countByStatus("open"));
    }

    @Test
    @Order(2)
    void the_next_test_starts_from_the_seeded_data_again() throws SQLException {
        assertEquals(Optional.empty(), repository.total(700)); // restored before each test, migrations not re-run
        assertEquals(1, repository.countByStatus("open"));
        assertEquals(0, pg.server().count(sqlMatching("^CREATE TABLE")));
    }

    @Test
    void falls_through_to_the_seeded_in_memory_database() throws SQLException {
        assertEquals(List.of("Ada", "Grace", "Barbara"), repository.customerNames());
        assertEquals(Optional.of(new BigDecimal("25.50")), repository.total(100));
        assertEquals(1, repository.countByStatus("open"));
    }

    @Test
    void stub_and_verify() throws SQLException {
        pg.stubFor(sql("SELECT count(*) FROM orders WHERE status = $1").withParameters("lost")
                .willReturn(rows(column("count", PgType.INT8)).row(7L)));

        assertEquals(7, repository.countByStatus("lost"));
        assertEquals(1, repository.countByStatus("open")); // other parameters: the database answers

        pg.verify(1, sql("select count(*) from orders where status = $1").withParameters("lost"));
        pg.verify(2, sql("SELECT count(*) FROM orders WHERE status = $1"));
    }

    @Test
    void retries_a_serialization_failure() throws SQLException {
        pg.stubFor(sql("INSERT INTO orders (id, customer_id, total, status) VALUES ($1, $2, $3, 'open')")
                .willReturn(serializationFailure(), serializationFailure(), command("INSERT", 1)));

        assertEquals(3, repository.placeOrder(500, 1, new BigDecimal("9.99")));

        pg.verify(3, sql("INSERT INTO orders (id, customer_id, total, status) VALUES ($1, $2, $3, 'open')")
                .withParameters(500, 1, "9.99"));
    }

    @Test
    void gives_up_after_three_serialization_failures() {
        pg.stubFor(sql("INSERT INTO orders (id, customer_id, total, status) VALUES ($1, $2, $3, 'open')")
                .willReturn(serializationFailure()));

        SQLException e = assertThrows(SQLException.class, () -> repository.placeOrder(501, 1, BigDecimal.ONE));
        assertEquals("40001", e.getSQLState());
        pg.verify(OrderRepository.MAX_ATTEMPTS, sqlMatching("^INSERT INTO orders"));
    }

    @Test
    void a_slow_query_times_out_through_the_driver() {
        pg.stubFor(sql("SELECT sum(total) FROM orders")
                .willReturn(rows(column("sum", PgType.NUMERIC)).row(new BigDecimal("35.50"))
                        .delayedBy(Duration.ofSeconds(30))));

        long t0 = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> repository.revenueReport(1));
        assertEquals("57014", e.getSQLState()); // query_canceled: pgjdbc sent a CancelRequest after 1 s
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(15)) < 0);
    }

    @Test
    void the_application_writes_to_the_database_when_nothing_is_stubbed() throws SQLException {
        assertEquals(1, repository.placeOrder(600, 2, new BigDecimal("1.25")));
        assertEquals(Optional.of(new BigDecimal("1.25")), repository.total(600));
        pg.verify(1, sql("INSERT INTO orders (id, customer_id, total, status) VALUES ($1, $2, $3, 'open')")
                .withParameters(600, 2, new BigDecimal("1.25")));
    }
}
