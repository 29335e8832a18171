package io.pgserve.server.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SET / SHOW / RESET and transaction control, answered by the server itself, as psql shows them. The expected
 * texts are psql 15's against PostgreSQL 15 (whose default TimeZone here would differ: this server's is UTC).
 */
@Timeout(60)
class PsqlSessionTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).serverVersion("15.7")
                .handler(session -> new PsqlTestHandler()).build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Psql.Result script(String stdin) {
        return Psql.tcp(server, "alice").unaligned().stdin(stdin).run();
    }

    private static final String NOPE = "ERROR:  relation \"nope\" does not exist\n"
            + "LINE 1: select * from nope;\n"
            + "                      ^\n";
    private static final String ABORTED =
            "ERROR:  current transaction is aborted, commands ignored until end of transaction block\n";

    @Test
    void setShowReset() {
        Psql.Result r = script("SET application_name = 'x';\nSHOW application_name;\n"
                + "SET TIME ZONE 'Europe/Paris';\nSHOW timezone;\n"
                + "SHOW datestyle;\nSET datestyle = 'german';\nSHOW datestyle;\n"
                + "RESET ALL;\nSHOW datestyle;\nSHOW timezone;\nSHOW application_name;\n"
                + "SHOW nope;\nSHOW DateStyle;\n");
        assertEquals(new Psql.Result(0, "SET\nx\nSET\nEurope/Paris\nISO, MDY\nSET\nGerman, DMY\n"
                + "RESET\nISO, MDY\nUTC\npsql\nISO, MDY\n",
                "ERROR:  unrecognized configuration parameter \"nope\"\n"), r, r::toString);
    }

    @Test
    void showAligned() {
        Psql.Result r = Psql.tcp(server, "alice").args("-c", "SHOW server_version").run();
        assertEquals(new Psql.Result(0, " server_version \n----------------\n 15.7\n(1 row)\n\n", ""), r,
                r::toString);
    }

    @Test
    void showUnknownParameterFromCommand() {
        Psql.Result r = Psql.tcp(server, "alice").args("-c", "SHOW nope").run();
        assertEquals(new Psql.Result(1, "", "ERROR:  unrecognized configuration parameter \"nope\"\n"), r,
                r::toString);
    }

    @Test
    void serverVersionAsPsqlSeesIt() {
        Psql.Result r = script("SHOW server_version;\nSHOW server_version_num;\n"
                + "\\echo :SERVER_VERSION_NAME :SERVER_VERSION_NUM\n");
        assertEquals(new Psql.Result(0, "15.7\n150007\n15.7 150007\n", ""), r, r::toString);
    }

    @Test
    void invalidValues() {
        Psql.Result r = script("SET datestyle = 'foo';\nSET TIME ZONE 'Mars/Olympus';\nSHOW datestyle;\n");
        assertEquals(new Psql.Result(0, "ISO, MDY\n",
                "ERROR:  invalid value for parameter \"DateStyle\": \"foo\"\n"
                        + "DETAIL:  Unrecognized key word: \"foo\".\n"
                        + "ERROR:  invalid value for parameter \"TimeZone\": \"Mars/Olympus\"\n"), r, r::toString);
    }

    @Test
    void dateOutputFollowsDateStyle() {
        Psql.Result r = script("SET datestyle = 'german';\nselect * from typed;\n");
        assertEquals(new Psql.Result(0, "SET\n1|9000000000|hello|t|1.5|12.340|29.02.2024|\n"
                + "-2147483648|-9223372036854775808|héllo wörld|f|1e+20|0.000000001|01.01.0001|z\n"
                + "|||||||\n", ""), r, r::toString);
    }

    @Test
    void setLocalAndRolledBackSetRevert() {
        Psql.Result r = script("SET application_name = 'a';\nBEGIN;\nSET LOCAL application_name = 'b';\n"
                + "SHOW application_name;\nCOMMIT;\nSHOW application_name;\n"
                + "BEGIN;\nSET application_name = 'c';\nSHOW application_name;\nROLLBACK;\n"
                + "SHOW application_name;\n");
        assertEquals(new Psql.Result(0, "SET\nBEGIN\nSET\nb\nCOMMIT\na\nBEGIN\nSET\nc\nROLLBACK\na\n", ""), r,
                r::toString);
    }

    @Test
    void errorInsideBlockAbortsItUntilRollback() {
        Psql.Result r = script("begin;\nselect * from nope;\nselect 1;\nrollback;\nselect 2;\n");
        assertEquals(new Psql.Result(0, "BEGIN\nROLLBACK\n2\n", NOPE + ABORTED), r, r::toString);
    }

    @Test
    void commitOfAFailedBlockReportsRollback() {
        Psql.Result r = script("begin;\nselect * from nope;\ncommit;\nselect 2;\n");
        assertEquals(new Psql.Result(0, "BEGIN\nROLLBACK\n2\n", NOPE), r, r::toString);
    }

    @Test
    void sqlStatesInsideAFailedBlock() {
        Psql.Result r = script("begin;\n\\echo :LAST_ERROR_SQLSTATE\nselect * from nope;\n"
                + "\\echo :LAST_ERROR_SQLSTATE :SQLSTATE\nselect 1;\n\\echo :SQLSTATE\nrollback;\n");
        assertEquals(new Psql.Result(0, "BEGIN\n00000\n42P01 42P01\n25P02\nROLLBACK\n", NOPE + ABORTED), r,
                r::toString);
    }

    @Test
    void commitWithoutTransaction() {
        Psql.Result r = Psql.tcp(server, "alice").args("-c", "commit").run();
        assertEquals(new Psql.Result(0, "COMMIT\n", "WARNING:  there is no transaction in progress\n"), r,
                r::toString);
    }

    @Test
    void beginInsideABlock() {
        Psql.Result r = Psql.tcp(server, "alice").args("-c", "begin", "-c", "begin", "-c", "commit").run();
        assertEquals(new Psql.Result(0, "BEGIN\nBEGIN\nCOMMIT\n",
                "WARNING:  there is already a transaction in progress\n"), r, r::toString);
    }

    @Test
    void savepointOutsideABlock() {
        Psql.Result r = Psql.tcp(server, "alice").args("-c", "savepoint a").run();
        assertEquals(new Psql.Result(1, "", "ERROR:  SAVEPOINT can only be used in transaction blocks\n"), r,
                r::toString);
    }

    @Test
    void rollbackToSavepointRecoversAFailedBlock() {
        Psql.Result r = script("begin;\nsavepoint a;\nselect * from nope;\nrollback to savepoint a;\n"
                + "select 3;\ncommit;\n");
        assertEquals(new Psql.Result(0, "BEGIN\nSAVEPOINT\nROLLBACK\n3\nCOMMIT\n", NOPE), r, r::toString);
    }

    /** SET inside a block is undone by ROLLBACK and ROLLBACK TO SAVEPOINT, kept by COMMIT (output: PostgreSQL 15's). */
    @Test
    void setIsTransactionalWithSavepoints() {
        Psql.Result r = script("""
                set application_name = 'a';
                begin;
                set application_name = 'b';
                savepoint s;
                set application_name = 'c';
                rollback to savepoint s;
                show application_name;
                release savepoint s;
                rollback;
                show application_name;
                begin;
                savepoint s1;
                savepoint s2;
                set application_name = 'd';
                rollback to savepoint s1;
                show application_name;
                savepoint s3;
                rollback to savepoint s3;
                set application_name = 'e';
                commit;
                show application_name;
                begin;
                savepoint s4;
                rollback to savepoint s4;
                set application_name = 'f';
                savepoint s5;
                set application_name = 'g';
                release savepoint s5;
                show application_name;
                rollback;
                show application_name;
                """);
        assertEquals(new Psql.Result(0, String.join("\n", "SET", "BEGIN", "SET", "SAVEPOINT", "SET", "ROLLBACK", "b",
                "RELEASE", "ROLLBACK", "a", "BEGIN", "SAVEPOINT", "SAVEPOINT", "SET", "ROLLBACK", "a", "SAVEPOINT",
                "ROLLBACK", "SET", "COMMIT", "e", "BEGIN", "SAVEPOINT", "ROLLBACK", "SET", "SAVEPOINT", "SET", "RELEASE",
                "g", "ROLLBACK", "e") + "\n", ""), r, r::toString);
    }

    /** psql's ON_ERROR_ROLLBACK wraps each statement in a savepoint, deciding from the ReadyForQuery status. */
    @Test
    void onErrorRollbackUsesTheTransactionStatus() {
        Psql.Result r = script("\\set ON_ERROR_ROLLBACK on\nbegin;\nselect 1;\nselect * from nope;\nselect 2;\n"
                + "commit;\n");
        assertEquals(new Psql.Result(0, "BEGIN\n1\n2\nCOMMIT\n", NOPE), r, r::toString);
    }

    /** With AUTOCOMMIT off psql sends BEGIN itself whenever the server reports it is idle. */
    @Test
    void autocommitOffUsesTheTransactionStatus() {
        Psql.Result r = script("\\set AUTOCOMMIT off\nselect 1;\nselect * from nope;\nselect 2;\nrollback;\n"
                + "select 3;\n");
        assertEquals(new Psql.Result(0, "1\nROLLBACK\n3\n", NOPE + ABORTED), r, r::toString);
    }

    /** psql -1 wraps the commands in BEGIN/COMMIT. */
    @Test
    void singleTransactionMode() {
        Psql.Result r = Psql.tcp(server, "alice").unaligned().args("-1", "-c", "select 1", "-c", "select 2").run();
        assertEquals(new Psql.Result(0, "1\n2\n", ""), r, r::toString);
    }
}
