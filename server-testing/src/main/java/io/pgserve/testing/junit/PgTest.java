package io.pgserve.testing.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class a {@link io.pgserve.testing.PgTestServer}: an in-memory PostgreSQL on a free port, with
 * stubs. A {@code static} field of type {@code PgTestServer} gets one server for the whole class (stubs and
 * recorded statements reset before each test, the data restored to the state after seeding); an instance field,
 * or a test method parameter when the class has no static one, gets a new server for each test. Test, lifecycle
 * and constructor parameters of types {@code PgTestServer}, {@link io.pgserve.testing.PgConnectionInfo},
 * {@link javax.sql.DataSource} and {@code @}{@link JdbcUrl} {@code String} are injected. Servers are closed by
 * JUnit when their scope ends, failed tests included.
 *
 * <pre>{@code
 * @PgTest(seed = "classpath:db/migration")
 * class UserRepositoryTest {
 *     static PgTestServer pg;                                  // one per class
 *
 *     @Test
 *     void findsUsers(DataSource dataSource) throws Exception {
 *         pg.stubFor(sql("SELECT count(*) FROM users").willReturn(rows(column("count", PgType.INT8)).row(2L)));
 *         assertEquals(2, new UserRepository(dataSource).count());
 *         pg.verify(1, sql("SELECT count(*) FROM users"));
 *     }
 * }
 * }</pre>
 *
 * For settings this annotation lacks (TLS, authentication methods, stubs shared by all tests), register a
 * {@link PgTestExtension} built with {@link PgTestExtension#builder()} instead.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PgTestExtension.class)
public @interface PgTest {
    /** SQL scripts or folders run on each new server, in order (see {@code PgTestServer.seed}). */
    String[] seed() default {};

    /** Statements no stub matches fail, and fail the test, instead of running against the in-memory database. */
    boolean strict() default false;

    /** The user; default {@code test}. */
    String user() default "test";

    /** The password (SCRAM-SHA-256); default none: every client is trusted. */
    String password() default "";

    /** The database name; default {@code test}. */
    String database() default "test";

    /** The server_version reported to clients. */
    String serverVersion() default "16.6";
}
