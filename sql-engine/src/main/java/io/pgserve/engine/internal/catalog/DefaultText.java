package io.pgserve.engine.internal.catalog;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.StringLiteral;

/**
 * A column default as PostgreSQL's pg_get_expr prints it, for the common forms: {@code nextval('t_id_seq'::regclass)},
 * {@code 'abc'::text}, {@code 'x'::character varying}, {@code '-1'::integer}, {@code (1 + 2) * 3}, {@code now()},
 * {@code CURRENT_DATE} (see {@link ExprText}); anything else as pgserve's SQL printer writes it.
 */
public final class DefaultText {
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
        String written = e instanceof FunctionCall f && f.arguments().isEmpty() && !f.star()
                ? SqlPrinter.print(e).toLowerCase(java.util.Locale.ROOT) : SqlPrinter.print(e);
        return ExprText.of(written, name -> null, type, true);
    }
}
