package io.pgserve.engine.internal.catalog;

import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.StringLiteral;

/**
 * A column default as PostgreSQL's pg_get_expr prints it, for the common forms: {@code nextval('t_id_seq'::regclass)},
 * {@code 'abc'::text}, {@code 'x'::character varying}; anything else as pgserve's SQL printer writes it.
 */
public final class DefaultText {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();

    private DefaultText() {
    }

    /**
     * @param schema the table's schema: a sequence in it is named without it (it is on the default search path)
     */
    public static String of(Expression e, String schema, PgType type, int typmod) {
        if (e instanceof FunctionCall f && f.name().size() == 1 && f.name().get(0).value().equals("nextval")
                && f.arguments().size() == 1 && f.arguments().get(0).value() instanceof StringLiteral s) {
            String seq = s.value();
            if (seq.startsWith(schema + ".") && schema.equals("public")) {
                seq = seq.substring(schema.length() + 1);
            }
            return "nextval(" + Sql.quoteLiteral(seq) + "::regclass)";
        }
        if (e instanceof StringLiteral s) {
            return Sql.quoteLiteral(s.value()) + "::" + Sql.formatType(TYPES, type.oid(), typmod);
        }
        if (e instanceof FunctionCall f && f.arguments().isEmpty() && !f.star()) {
            return SqlPrinter.print(e).toLowerCase(java.util.Locale.ROOT);
        }
        return SqlPrinter.print(e);
    }
}
