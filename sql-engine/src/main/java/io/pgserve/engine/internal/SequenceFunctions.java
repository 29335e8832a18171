package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.util.List;

/** nextval, currval, setval, lastval over the catalog's sequences (a session's currval is its own). */
final class SequenceFunctions {
    private SequenceFunctions() {
    }

    static void register(FunctionRegistry r) {
        PgType text = PgType.TEXT;
        r.register(new Function("nextval", List.of(text), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.nextval(c.session(), s, n))));
        r.register(new Function("currval", List.of(text), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.currval(c.session(), s, n))));
        r.register(new Function("setval", List.of(text, PgType.INT8), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.setval(c.session(), s, n, (Long) a[1], true))));
        r.register(new Function("setval", List.of(text, PgType.INT8, PgType.BOOL), PgType.INT8, true, false,
                (c, a) -> sequence(c, a[0], (e, s, n) -> e.setval(c.session(), s, n, (Long) a[1], (Boolean) a[2]))));
        r.register(new Function("lastval", List.of(), PgType.INT8, true, false,
                (c, a) -> editor(c).lastval(c.session())));
    }

    private interface SequenceCall {
        long apply(SchemaEditor editor, String schema, String name);
    }

    private static SchemaEditor editor(FunctionContext c) {
        SchemaEditor editor = c.catalog().schemaEditor();
        if (editor == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "sequences are not supported");
        }
        return editor;
    }

    private static Object sequence(FunctionContext c, Object arg, SequenceCall call) {
        SchemaEditor editor = editor(c);
        String name = (String) arg;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            return call.apply(editor, name.substring(0, dot), name.substring(dot + 1));
        }
        return call.apply(editor, c.currentSchema(), name);
    }
}
