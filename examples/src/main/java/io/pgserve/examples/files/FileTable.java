package io.pgserve.examples.files;

import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableScan;
import io.pgserve.server.PgException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One file (CSV or JSON lines) as a read-only table: the header row (or the keys of the sampled JSON objects) names
 * the columns, a sample of the first rows gives their types, and every scan streams the file from the start
 * (stopping at the scan's limit), converting each field to its column's type. The table is immutable:
 * {@link FilesCatalog} makes a new one when the file changes.
 */
final class FileTable implements Table {
    /** How many records the type inference reads. */
    static final int SAMPLE_ROWS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FileTable.class);
    /** PostgreSQL's bad_copy_file_format. */
    static final String BAD_COPY_FILE_FORMAT = "22P04";
    /** PostgreSQL's io_error. */
    static final String IO_ERROR = "58030";

    private final Path file;
    private final Records.Format format;
    private final String label;
    private final String schema;
    private final String name;
    final FilesCatalog.Stamp stamp;
    private final List<ColumnKind> kinds;
    /** Per column: whether its type is declared by the sidecar file (else inferred). */
    private final boolean[] declared;
    private final List<TableColumn> columns;
    /** Column index by name, for files whose records name their fields. */
    private final Map<String, Integer> byName = new HashMap<>();
    private final boolean positional;
    /** Whether malformed records are skipped (else they end the scan with their error). */
    private final boolean skipMalformed;
    private final LongAdder rowsRead;

    private FileTable(Path file, Records.Format format, String label, String schema, String name,
                      FilesCatalog.Stamp stamp, List<String> names, List<ColumnKind> kinds, ColumnTypes types,
                      boolean positional, boolean skipMalformed, LongAdder rowsRead) {
        this.skipMalformed = skipMalformed;
        this.file = file;
        this.format = format;
        this.label = label;
        this.schema = schema;
        this.name = name;
        this.stamp = stamp;
        this.kinds = List.copyOf(kinds);
        List<TableColumn> cols = new ArrayList<>();
        this.declared = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            declared[i] = types.columns.containsKey(names.get(i));
            cols.add(TableColumn.of(names.get(i), kinds.get(i).type));
            byName.put(names.get(i), i);
        }
        this.columns = List.copyOf(cols);
        this.positional = positional;
        this.rowsRead = rowsRead;
    }

    /**
     * Reads up to {@link #SAMPLE_ROWS} records of {@code file} to describe it: the columns {@code types} (its
     * sidecar file) declares get their declared type, the others the one their sampled values have. {@code label}
     * names the file in error messages (its path under the served folder).
     */
    static FileTable infer(Path file, Records.Format format, String label, String schema, String name,
                           FilesCatalog.Stamp stamp, ColumnTypes types, boolean skipMalformed, LongAdder rowsRead) {
        List<String> names = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        boolean positional;
        try (Records records = format.open(file, label)) {
            positional = records.header() != null;
            if (positional) {
                names.addAll(records.header());
                names.forEach(n -> kinds.add(declared(types, n)));
                for (String column : types.columns.keySet()) {
                    if (!names.contains(column)) {
                        throw types.unknownColumn(column, label);
                    }
                }
            }
            Map<String, Integer> index = new HashMap<>();
            for (int row = 0; row < SAMPLE_ROWS; row++) {
                try {
                    if (!records.next()) {
                        break;
                    }
                    if (positional) {
                        checkFieldCount(records, names, label);
                    }
                } catch (MalformedRecord e) {
                    if (skipMalformed) {
                        continue;
                    }
                    throw e.error();
                }
                for (int f = 0; f < records.size(); f++) {
                    int column = f;
                    if (!positional) {
                        column = index.computeIfAbsent(records.name(f), k -> {
                            names.add(k);
                            kinds.add(declared(types, k));
                            return names.size() - 1;
                        });
                    }
                    String text = records.text(f);
                    if (text != null && !types.columns.containsKey(names.get(column))) {
                        ColumnKind kind = kinds.get(column);
                        ColumnKind.Origin origin = records.origin(f);
                        kinds.set(column, kind == null ? ColumnKind.of(text, origin) : kind.widen(text, origin));
                    }
                }
            }
        } catch (IOException e) {
            throw ioError(label, e);
        }
        for (Map.Entry<String, ColumnTypes.Declared> column : types.columns.entrySet()) {
            if (!names.contains(column.getKey())) { // a JSON key the sample did not have: a column all the same
                names.add(column.getKey());
                kinds.add(column.getValue().kind());
            }
        }
        kinds.replaceAll(k -> k == null ? ColumnKind.TEXT : k);
        return new FileTable(file, format, label, schema, name, stamp, names, kinds, types, positional,
                skipMalformed, rowsRead);
    }

    private static ColumnKind declared(ColumnTypes types, String column) {
        ColumnTypes.Declared d = types.columns.get(column);
        return d == null ? null : d.kind();
    }

    private static void checkFieldCount(Records records, List<String> names, String label) {
        int n = records.size();
        if (n == names.size()) {
            return;
        }
        String problem = n > names.size() ? "extra data after last expected column"
                : "missing data for column \"" + names.get(n) + "\"";
        long line = records.line();
        throw new MalformedRecord(PgException.builder(BAD_COPY_FILE_FORMAT,
                problem + " (file \"" + label + "\", line " + line + ")")
                .where("file " + label + ", line " + line).build());
    }

    static PgException ioError(String label, IOException e) {
        if (e instanceof NoSuchFileException) { // deleted since the query was planned
            return PgException.builder("58P01", "could not open file \"" + label + "\": No such file or directory")
                    .cause(e).build();
        }
        return PgException.builder(IO_ERROR, "could not read file \"" + label + "\": " + e.getMessage())
                .cause(e).build();
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public String comment() {
        return "file " + label;
    }

    /** Takes IS [NOT] NULL and = / <> on any column but jsonb, and range comparisons on the typed ones. */
    @Override
    public boolean supportsFilter(ColumnFilter filter) {
        ColumnKind kind = kinds.get(filter.column());
        return switch (filter.op()) {
            case IS_NULL, IS_NOT_NULL -> true;
            // jsonb's equality is the engine's to decide
            case EQ, NE -> kind != ColumnKind.JSONB;
            // ordering text follows the collation, which the engine knows and this table does not
            default -> kind != ColumnKind.TEXT && kind != ColumnKind.JSONB;
        };
    }

    @Override
    public TableScan scan(ScanRequest request) {
        int[] projection = request.projection();
        List<ColumnFilter> filters = request.filters();
        long limit = request.limit();
        List<String> names = columns.stream().map(TableColumn::name).toList();
        // only the columns the query uses are converted (as file_fdw does): less work, and a bad value in a column
        // the query does not read is no error
        boolean[] used = new boolean[columns.size()];
        for (int c : projection) {
            used[c] = true;
        }
        filters.forEach(f -> used[f.column()] = true);
        Records records;
        try {
            records = format.open(file, label);
        } catch (IOException e) {
            throw ioError(label, e);
        }
        return new TableScan() {
            long returned;

            @Override
            public Object[] next() {
                while (limit < 0 || returned < limit) {
                    Object[] values;
                    try {
                        values = read();
                    } catch (MalformedRecord e) {
                        if (skipMalformed) {
                            skipped(e);
                            continue;
                        }
                        throw e.error();
                    }
                    if (values == null) {
                        return null;
                    }
                    if (filters.stream().allMatch(f -> f.test(values[f.column()]))) {
                        returned++;
                        Object[] row = new Object[projection.length];
                        for (int i = 0; i < projection.length; i++) {
                            row[i] = values[projection[i]];
                        }
                        return row;
                    }
                }
                return null;
            }

            /** The next record's values, one per column; null at the end of the file. */
            private Object[] read() {
                if (!records.next()) {
                    return null;
                }
                rowsRead.increment();
                Object[] values = new Object[kinds.size()];
                if (positional) {
                    checkFieldCount(records, names, label);
                    for (int i = 0; i < values.length; i++) {
                        values[i] = used[i] ? value(records, i, i) : null;
                    }
                } else {
                    for (int f = 0; f < records.size(); f++) {
                        Integer column = byName.get(records.name(f));
                        if (column != null && used[column]) { // keys the sample did not have are not columns
                            values[column] = value(records, f, column);
                        }
                    }
                }
                return values;
            }

            @Override
            public void close() {
                records.close();
            }
        };
    }

    private static void skipped(MalformedRecord e) {
        LOG.warn("skipped: {}", e.getMessage());
    }

    private Object value(Records records, int field, int column) {
        String text = records.text(field);
        if (text == null) {
            return null;
        }
        try {
            ColumnKind kind = kinds.get(column);
            return declared[column] ? kind.parseDeclared(text, records.origin(field))
                    : kind.parse(text, records.origin(field));
        } catch (PgException e) {
            long line = records.line();
            String col = columns.get(column).name();
            throw new MalformedRecord(PgException.builder(e.sqlState(),
                    e.getMessage() + " (file \"" + label + "\", line " + line + ", column " + col + ")")
                    .where("file " + label + ", line " + line + ", column " + col + ": \"" + text + "\"").build());
        }
    }
}
