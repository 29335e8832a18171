package io.pgserve.server;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handlers get the parsed statement; a syntax error reaches the client with PostgreSQL's message and position. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParsedStatementTest {
    @Test
    void handlerSeesTheAstAndSyntaxErrorsCarryTheirPosition() throws Exception {
        QueryHandler handler = query -> {
            Statement st = query.statement();
            return QueryResult.rows(List.of(Column.of("node", PgType.TEXT)),
                    List.<Object[]>of(new Object[] {st instanceof io.pgserve.sql.ast.Query ? "select" : st.getClass().getSimpleName()}));
        };
        try (PgServer server = PgServer.builder().port(0).handler(s -> handler).build().start();
             Connection c = DriverManager.getConnection(server.jdbcUrl(), "u", "");
             var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select a, b from t where a > 1 order by b")) {
                rs.next();
                assertEquals("select", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select a FORM t"));
            assertEquals("42601", e.getSQLState());
            assertTrue(e.getMessage().contains("syntax error at or near \"t\""), e.getMessage());
            assertTrue(e.getMessage().contains("Position: 15"), e.getMessage());
        }
    }
}
