package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** A handler's FATAL error ends the session after it is sent, as in PostgreSQL; an ERROR does not. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FatalHandlerErrorTest {
    private static final String TERMINATED = "terminating connection due to administrator command";

    private static PgServer server() {
        return PgServer.builder().port(0).handler(s -> query -> {
            if (query.sql().equals("fatal")) {
                throw PgException.builder(SqlState.ADMIN_SHUTDOWN, TERMINATED)
                        .severity(PgException.Severity.FATAL).build();
            }
            if (query.sql().equals("error")) {
                throw new PgException(SqlState.SERIALIZATION_FAILURE, "could not serialize access");
            }
            return QueryResult.rows(List.of(Column.of("v", PgType.TEXT)), List.<Object[]>of(new Object[] {"x"}));
        }).build().start();
    }

    @Test
    void simpleQuery() throws Exception {
        try (PgServer server = server(); RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.send(FrontendEncoder.query("error"));
            c.expectError("ERROR", SqlState.SERIALIZATION_FAILURE, "could not serialize access");
            c.expectReady('I');
            c.send(FrontendEncoder.query("select; fatal; select"));
            c.expectRead('T');
            c.expectRead('D');
            c.expectRead('C');
            c.expectError("FATAL", SqlState.ADMIN_SHUTDOWN, TERMINATED);
            c.expectClosed(); // no ReadyForQuery, no further statement
        }
    }

    @Test
    void extendedQuery() throws Exception {
        try (PgServer server = server(); RawPgClient c = RawPgClient.connect(server.port())) {
            c.startup("u");
            c.send(FrontendEncoder.parse("", "fatal"), FrontendEncoder.bind("", "", List.of(), List.of(), List.of()),
                    FrontendEncoder.execute("", 0), FrontendEncoder.sync());
            c.expectRead('1');
            c.expectRead('2');
            c.expectError("FATAL", SqlState.ADMIN_SHUTDOWN, TERMINATED);
            c.expectClosed();
        }
    }
}
