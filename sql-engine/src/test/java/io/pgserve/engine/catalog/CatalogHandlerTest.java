package io.pgserve.engine.catalog;

import io.pgserve.server.Column;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.StatementKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which queries the catalog decorator answers, and which it leaves to the wrapped handler. */
class CatalogHandlerTest {
    private static Query query(String sql) {
        return new Query(sql, StatementKind.OTHER, "", List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT);
    }

    @Test
    void catalogQueriesAreRecognisedByTheirWords() {
        assertTrue(CatalogHandler.isCatalogQuery(query("select relname from pg_class")));
        assertTrue(CatalogHandler.isCatalogQuery(query("SELECT * FROM information_schema.tables")));
        assertTrue(CatalogHandler.isCatalogQuery(query("select pg_catalog.format_type(23, -1)")));
        assertTrue(CatalogHandler.isCatalogQuery(query("select version()")));
        assertFalse(CatalogHandler.isCatalogQuery(query("select * from users")));
        assertFalse(CatalogHandler.isCatalogQuery(query("select 'pg_class'")), "a string is not a name");
        assertFalse(CatalogHandler.isCatalogQuery(query("delete from pg_class")), "only queries");
        assertFalse(CatalogHandler.isCatalogQuery(query("select from pg_class where")), "syntax errors go on");
    }

    private static String first(QueryHandler h, String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) h.execute(query(sql));
        try {
            return String.valueOf(r.rows().next()[0]);
        } finally {
            r.rows().close();
        }
    }

    @Test
    void theWrappedHandlerGetsEverythingElseAndWhatItClaims() throws Exception {
        SchemaModel model = SchemaModel.of(List.of(SchemaModel.Relation.table("public", "users")
                .column(SchemaModel.Column.of("id", PgType.INT8)).build()));
        QueryHandler inner = q -> QueryResult.rows(List.of(Column.of("who", PgType.TEXT)),
                List.<Object[]>of(new Object[] {"inner: " + q.sql()}));
        QueryHandler h = CatalogHandler.wrap(session -> inner, () -> model,
                q -> q.sql().contains("claimed")).create(null);
        assertEquals("users", first(h, "select relname from pg_class where relnamespace = 2200"));
        assertEquals("inner: select * from users", first(h, "select * from users"));
        assertEquals("inner: select version() as claimed", first(h, "select version() as claimed"));
        h.close();
    }
}
