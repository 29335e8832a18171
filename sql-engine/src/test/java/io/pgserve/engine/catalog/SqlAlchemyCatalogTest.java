package io.pgserve.engine.catalog;

import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQLAlchemy's reflection (Debian's SQLAlchemy 1.4 with psycopg2: create_engine, connect, which parses
 * {@code version()}, then inspect(): schemas, tables, views and their definitions, sequences, and for each table its
 * columns with types, defaults, identity and comments, primary key, foreign keys, indexes, unique and check
 * constraints, comment; then MetaData.reflect) over memdb and over a raw handler, compared with what the same script
 * printed against PostgreSQL 15 for schema.sql ({@code goldens/sqlalchemy.out}, recorded by
 * {@code src/test/scripts/client-goldens.sh}). SQLAlchemy parses pg_get_constraintdef's and pg_get_indexdef's text
 * and splits int2vector's, so this also checks those are PostgreSQL's exact text.
 */
@Timeout(120)
class SqlAlchemyCatalogTest extends CatalogServers.Base {
    /** Outputs that differ from PostgreSQL's, with the reason (none now; a listed one that matches fails). */
    private static final Map<String, String> DIFFERENT = Map.of();

    private static String reflect(PgServer server) throws Exception {
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", "src/test/python/catalog_sqlalchemy.py",
                "127.0.0.1", Integer.toString(server.port()), CatalogServers.DATABASE), 60);
        return r.exit() == 0 ? r.output() : r.output() + "exit " + r.exit() + "\n";
    }

    @Test
    void reflectionOverMemdbMatchesPostgres() throws Exception {
        List<String> problems = new ArrayList<>();
        CatalogGoldenTest.compare("sqlalchemy", reflect(servers.memdb), DIFFERENT, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void reflectionOverARawHandlerMatchesPostgres() throws Exception {
        List<String> problems = new ArrayList<>();
        CatalogGoldenTest.compare("sqlalchemy", reflect(servers.raw), DIFFERENT, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
