package io.pgserve.server.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Queries, results and errors as psql prints them. Every expected text was produced by psql 15 against
 * PostgreSQL 15 for the equivalent statement (e.g. a VALUES list with the same types for {@code typed}).
 */
@Timeout(60)
class PsqlQueryTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(session -> new PsqlTestHandler())
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Psql psql() {
        return Psql.tcp(server, "alice");
    }

    private static final String NOPE_AT_15 = "ERROR:  relation \"nope\" does not exist\n"
            + "LINE 1: select * from nope;\n"
            + "                      ^\n";

    @Test
    void selectOneAligned() {
        Psql.Result r = psql().args("-c", "select 1").run();
        assertEquals(new Psql.Result(0, " ?column? \n----------\n        1\n(1 row)\n\n", ""), r, r::toString);
    }

    @Test
    void typedColumnsAligned() {
        Psql.Result r = psql().args("-c", "select * from typed").run();
        String expected = ""
                + "      i      |          l           |      t      | b |   f   |      n      |     d      | z \n"
                + "-------------+----------------------+-------------+---+-------+-------------+------------+---\n"
                + "           1 |           9000000000 | hello       | t |   1.5 |      12.340 | 2024-02-29 | \n"
                + " -2147483648 | -9223372036854775808 | héllo wörld | f | 1e+20 | 0.000000001 | 0001-01-01 | z\n"
                + "             |                      |             |   |       |             |            | \n"
                + "(3 rows)\n\n";
        assertEquals(new Psql.Result(0, expected, ""), r, r::toString);
    }

    @Test
    void typedColumnsUnaligned() {
        Psql.Result r = psql().unaligned().args("-c", "select * from typed").run();
        assertEquals(new Psql.Result(0, "1|9000000000|hello|t|1.5|12.340|2024-02-29|\n"
                + "-2147483648|-9223372036854775808|héllo wörld|f|1e+20|0.000000001|0001-01-01|z\n"
                + "|||||||\n", ""), r, r::toString);
    }

    @Test
    void twoStatementsInOneCommand() {
        Psql.Result r = psql().unaligned().args("-c", "select 1; select 2").run();
        assertEquals(new Psql.Result(0, "1\n2\n", ""), r, r::toString);
    }

    @Test
    void twoStatementsInOneCommandAligned() {
        Psql.Result r = psql().args("-c", "select 1; select 2").run();
        assertEquals(new Psql.Result(0, " ?column? \n----------\n        1\n(1 row)\n\n"
                + " ?column? \n----------\n        2\n(1 row)\n\n", ""), r, r::toString);
    }

    @Test
    void scriptOnStdin() {
        Psql.Result r = psql().unaligned().stdin("select 1;\nselect 2;\nselect\n  3;\nselect * from typed;\n").run();
        assertEquals(new Psql.Result(0, "1\n2\n3\n1|9000000000|hello|t|1.5|12.340|2024-02-29|\n"
                + "-2147483648|-9223372036854775808|héllo wörld|f|1e+20|0.000000001|0001-01-01|z\n"
                + "|||||||\n", ""), r, r::toString);
    }

    @Test
    void errorInTheMiddleOfACommandStopsTheRest() {
        Psql.Result r = psql().unaligned().args("-c", "select 1; select * from nope; select 2").run();
        assertEquals(new Psql.Result(1, "1\n", "ERROR:  relation \"nope\" does not exist\n"
                + "LINE 1: select 1; select * from nope; select 2\n"
                + "                                ^\n"), r, r::toString);
    }

    @Test
    void errorPositionOnTheSecondLine() {
        Psql.Result r = psql().unaligned().args("-c", "select 1;\nselect * from nope").run();
        assertEquals(new Psql.Result(1, "1\n", "ERROR:  relation \"nope\" does not exist\n"
                + "LINE 2: select * from nope\n"
                + "                      ^\n"), r, r::toString);
    }

    @Test
    void scriptFileContinuesAfterErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("script.sql");
        Files.writeString(file, "select 1;\nselect * from nope;\nselect 2;\nselect boom();\nselect 3;\n");
        Psql.Result r = psql().unaligned().args("-f", file.toString()).run();
        assertEquals(new Psql.Result(0, "1\n2\n3\n", "psql:" + file + ":2: " + NOPE_AT_15
                + "psql:" + file + ":4: ERROR:  boom: the handler failed\n"), r, r::toString);
    }

    @Test
    void scriptFileStopsAtFirstErrorWithOnErrorStop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("script.sql");
        Files.writeString(file, "select 1;\nselect * from nope;\nselect 2;\n");
        Psql.Result r = psql().unaligned().args("-v", "ON_ERROR_STOP=1", "-f", file.toString()).run();
        assertEquals(new Psql.Result(3, "1\n", "psql:" + file + ":2: " + NOPE_AT_15), r, r::toString);
    }

    @Test
    void errorThenNextQueryInTheSameSession() {
        Psql.Result r = psql().unaligned().stdin("select * from nope;\nselect 1;\n").run();
        assertEquals(new Psql.Result(0, "1\n", NOPE_AT_15), r, r::toString);
    }

    @Test
    void verboseErrorShowsSqlState() {
        Psql.Result r = psql().unaligned()
                .stdin("\\set VERBOSITY verbose\nselect * from nope;\nselect boom();\nselect 1;\n").run();
        assertEquals(new Psql.Result(0, "1\n", "ERROR:  42P01: relation \"nope\" does not exist\n"
                + "LINE 1: select * from nope;\n"
                + "                      ^\n"
                + "ERROR:  XX000: boom: the handler failed\n"), r, r::toString);
    }

    @Test
    void sqlStateVariables() {
        Psql.Result r = psql().unaligned()
                .stdin("select * from nope;\n\\echo :SQLSTATE :LAST_ERROR_SQLSTATE\nselect boom();\n"
                        + "\\echo :SQLSTATE\nselect 1;\n\\echo :SQLSTATE :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE\n")
                .run();
        assertEquals("42P01 42P01\nXX000\n1\n00000 XX000 boom: the handler failed\n", r.stdout(), r::toString);
    }

    @Test
    void handlerRuntimeExceptionIsAnInternalError() {
        Psql.Result r = psql().unaligned().args("-c", "select boom()").run();
        assertEquals(new Psql.Result(1, "", "ERROR:  boom: the handler failed\n"), r, r::toString);
    }

    @Test
    void unterminatedStringFromTheLexerThenTheSessionGoesOn() {
        Psql.Result r = psql().unaligned().args("-c", "select 'abc", "-c", "select 1").run();
        assertEquals(new Psql.Result(0, "1\n", "ERROR:  unterminated quoted string at or near \"'abc\"\n"
                + "LINE 1: select 'abc\n"
                + "               ^\n"), r, r::toString);
    }

    @Test
    void unterminatedStringAfterAnotherStatement() {
        Psql.Result r = psql().unaligned().args("-c", "select 1; select 'abc").run();
        assertEquals(new Psql.Result(1, "", "ERROR:  unterminated quoted string at or near \"'abc\"\n"
                + "LINE 1: select 1; select 'abc\n"
                + "                         ^\n"), r, r::toString);
    }

    @Test
    void hundredThousandRowsUnaligned() {
        Psql.Result r = psql().unaligned().args("-c", "select n from big").run();
        assertEquals(0, r.exitCode(), () -> "exit " + r.exitCode() + ", stderr: " + r.stderr());
        assertEquals("", r.stderr());
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= PsqlTestHandler.BIG_ROWS; i++) {
            expected.append(i).append('\n');
        }
        String out = r.stdout();
        assertEquals(PsqlTestHandler.BIG_ROWS, out.lines().count());
        assertTrue(expected.toString().equals(out), "rows differ from 1..100000");
    }

    @Test
    void hundredThousandRowsAlignedFooter() {
        Psql.Result r = psql().args("-c", "select n from big").run();
        assertEquals(0, r.exitCode(), r::stderr);
        assertTrue(r.stdout().startsWith("   n    \n--------\n      1\n      2\n"), () -> r.stdout().substring(0, 40));
        assertTrue(r.stdout().endsWith("\n 100000\n(100000 rows)\n\n"),
                () -> r.stdout().substring(r.stdout().length() - 40));
    }

    @Test
    void noticesPrecedeTheirResult() {
        Psql.Result r = psql().unaligned().mergeStderr()
                .args("-c", "select 1", "-c", "select warn()", "-c", "select 2").run();
        assertEquals(new Psql.Result(0, "1\nWARNING:  careful\nNOTICE:  hello 1\n5\n2\n", ""), r, r::toString);
    }

    @Test
    void noticesWithVerbosity() {
        Psql.Result r = psql().unaligned().mergeStderr()
                .stdin("\\set VERBOSITY verbose\nselect warn();\n").run();
        assertEquals(new Psql.Result(0, "WARNING:  01000: careful\nNOTICE:  00000: hello 1\n5\n", ""), r,
                r::toString);
    }

    @Test
    void emptyQuery() {
        Psql.Result r = psql().unaligned().args("-c", ";", "-c", "select 1").run();
        assertEquals(new Psql.Result(0, "1\n", ""), r, r::toString);
    }

    @Test
    void unixDomainSocket(@TempDir Path dir) {
        try (PgServer unix = PgServer.builder().host("127.0.0.1").port(0).unixSocketDirectory(dir)
                .handler(session -> new PsqlTestHandler()).build().start()) {
            Psql.Result r = Psql.unix(dir, unix.port(), "alice").unaligned()
                    .args("-c", "select 1", "-c", "\\conninfo").run();
            assertEquals(new Psql.Result(0, "1\nYou are connected to database \"postgres\" as user \"alice\" via "
                    + "socket in \"" + dir + "\" at port \"" + unix.port() + "\".\n", ""), r, r::toString);
        }
    }
}
