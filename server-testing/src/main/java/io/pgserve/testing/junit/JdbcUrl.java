package io.pgserve.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter to receive the test server's JDBC URL (user and password included), under
 * {@link PgTest} or a registered {@link PgTestExtension}.
 *
 * <pre>{@code
 * @Test
 * void connects(@JdbcUrl String url) throws SQLException {
 *     try (Connection c = DriverManager.getConnection(url)) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JdbcUrl {
}
