package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.TableColumn;
import io.pgserve.server.types.PgType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of pg_get_keywords(): PostgreSQL 15's SQL keywords with their category, read from
 * {@code pg15-keywords.txt} (recorded from PostgreSQL 15 by {@code catalog-keywords.sh}). psql's tab completion and
 * tools that quote identifiers read them.
 */
final class Keywords {
    /** pg_get_keywords()'s columns. */
    static final List<TableColumn> COLUMNS = List.of(TableColumn.of("word", PgType.TEXT),
            TableColumn.of("catcode", PgType.CHAR), TableColumn.of("barelabel", PgType.BOOL),
            TableColumn.of("catdesc", PgType.TEXT), TableColumn.of("baredesc", PgType.TEXT));

    private static final List<Object[]> ROWS = load();

    private Keywords() {
    }

    /** The rows, in PostgreSQL's order (callers must not change them). */
    static List<Object[]> rows() {
        return ROWS;
    }

    private static List<Object[]> load() {
        List<Object[]> out = new ArrayList<>();
        try (InputStream in = Keywords.class.getResourceAsStream("pg15-keywords.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", 5);
                out.add(new Object[] {f[0], f[1], f[2].equals("t"), f[3], f[4]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableList(out);
    }
}
