package io.pgserve.sql;

import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.Parameter;
import io.pgserve.sql.ast.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SqlPrinter#print(io.pgserve.sql.ast.Node, SqlPrinter.Dialect)}: the hook that prints another dialect. */
class SqlPrinterDialectTest {

    @Test
    void theJavadocExample() {
        SqlPrinter.Dialect sqlite = (node, out) -> {
            if (node instanceof FunctionCall f && f.name().equals(List.of(Identifier.of("now")))) {
                out.text("datetime('now')");
                return true;
            }
            return false;
        };
        assertEquals("SELECT datetime('now')", SqlPrinter.print(SqlParser.parse("select now()"), sqlite));
    }

    @Test
    void subNodesArePrintedWithTheDialectAndDefaultNodeDoesNotAskAgainForTheSameNode() {
        SqlPrinter.Dialect d = (node, out) -> {
            if (node instanceof Parameter p) {
                out.text("?" + p.index());
                return true;
            }
            if (node instanceof TableName t && t.name().size() == 2) {
                // drop the schema, then print the rest (alias...) the default way
                out.defaultNode(new TableName(List.of(t.name().get(1)), t.only(), t.alias(), t.location()));
                return true;
            }
            if (node instanceof FunctionCall f && f.name().get(f.name().size() - 1).value().equals("lower")) {
                out.text("LOWER_ASCII(").node(f.arguments().get(0).value()).text(")");
                return true;
            }
            return false;
        };
        assertEquals("SELECT LOWER_ASCII(?2) FROM t AS x WHERE a = ?1",
                SqlPrinter.print(SqlParser.parse("select lower($2) from public.t x where a = $1"), d));
    }

    @Test
    void quotedIdentifiersUseTheDialectsQuotes() {
        SqlPrinter.Dialect backticks = new SqlPrinter.Dialect() {
            @Override
            public boolean print(io.pgserve.sql.ast.Node node, SqlPrinter.Output out) {
                return false;
            }

            @Override
            public String quoteIdentifier(String name) {
                return '`' + name.replace("`", "``") + '`';
            }
        };
        assertEquals("SELECT `Mixed`, plain FROM `my table`",
                SqlPrinter.print(SqlParser.parse("select \"Mixed\", plain from \"my table\""), backticks));
        // without a dialect: PostgreSQL's, as before
        assertEquals("SELECT \"Mixed\", plain FROM \"my table\"",
                SqlPrinter.print(SqlParser.parse("select \"Mixed\", plain from \"my table\"")));
    }
}
