package io.pgserve.examples.files;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableScan;
import io.pgserve.server.PgException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One CSV file as a read-only table: the header row names the columns, a sample of the first rows gives their types,
 * and every scan streams the file from the start (stopping at the scan's limit), converting each field to its
 * column's type. The table is immutable: {@link FilesCatalog} makes a new one when the file changes.
 */
final class CsvTable implements Table {
    /** How many data rows the type inference reads. */
    static final int SAMPLE_ROWS = 1000;
    /** PostgreSQL's bad_copy_file_format. */
    static final String BAD_COPY_FILE_FORMAT = "22P04";
    /** PostgreSQL's io_error. */
    static final String IO_ERROR = "58030";

    private final Path file;
    private final String label;
    private final String schema;
    private final String name;
    final FilesCatalog.Stamp stamp;
    private final List<ColumnKind> kinds;
    private final List<TableColumn> columns;
    private final LongAdder rowsRead;

    private CsvTable(Path file, String label, String schema, String name, FilesCatalog.Stamp stamp,
                     List<String> names, List<ColumnKind> kinds, LongAdder rowsRead) {
        this.file = file;
        this.label = label;
        this.schema = schema;
        this.name = name;
        this.stamp = stamp;
        this.kinds = List.copyOf(kinds);
        List<TableColumn> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cols.add(TableColumn.of(names.get(i), kinds.get(i).type));
        }
        this.columns = List.copyOf(cols);
        this.rowsRead = rowsRead;
    }

    /**
     * Reads the header and up to {@link #SAMPLE_ROWS} rows of {@code file} to describe it. {@code label} names the
     * file in error messages (its path under the served folder).
     */
    static CsvTable infer(Path file, String label, String schema, String name, FilesCatalog.Stamp stamp,
                          LongAdder rowsRead) {
        List<String> names = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = open(file); CloseableIterator<CsvRecord> it = reader.iterator()) {
            if (hasNext(it, label, 0)) {
                CsvRecord header = it.next();
                for (int i = 0; i < header.getFieldCount(); i++) {
                    String n = header.getField(i).trim();
                    names.add(n.isEmpty() ? "column" + (i + 1) : n);
                    kinds.add(null);
                }
                long last = header.getStartingLineNumber();
                for (int row = 0; row < SAMPLE_ROWS && hasNext(it, label, last); row++) {
                    CsvRecord record = it.next();
                    last = record.getStartingLineNumber();
                    checkFieldCount(record, names, label);
                    for (int i = 0; i < names.size(); i++) {
                        String field = record.getField(i);
                        if (!field.isEmpty()) {
                            kinds.set(i, kinds.get(i) == null ? ColumnKind.of(field) : kinds.get(i).widen(field));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw ioError(label, e);
        }
        kinds.replaceAll(k -> k == null ? ColumnKind.TEXT : k);
        return new CsvTable(file, label, schema, name, stamp, names, kinds, rowsRead);
    }

    private static CsvReader<CsvRecord> open(Path file) throws IOException {
        // field-count mismatches are checked here, for PostgreSQL's COPY wording
        return CsvReader.builder().allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true)
                .allowUnclosedQuote(false).allowExtraCharsAfterClosingQuote(false)
                .ofCsvRecord(file, StandardCharsets.UTF_8);
    }

    /** it.hasNext(), with the parser's and the file system's errors as PostgreSQL errors naming file and line. */
    private static boolean hasNext(CloseableIterator<CsvRecord> it, String label, long lastLine) {
        try {
            return it.hasNext();
        } catch (CsvParseException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw PgException.builder(BAD_COPY_FILE_FORMAT,
                    "malformed CSV in file \"" + label + "\": " + why)
                    .where("file " + label + ", line " + (lastLine + 1)).cause(e).build();
        } catch (UncheckedIOException e) {
            throw ioError(label, e.getCause());
        }
    }

    private static void checkFieldCount(CsvRecord record, List<String> names, String label) {
        int n = record.getFieldCount();
        if (n == names.size()) {
            return;
        }
        String problem = n > names.size() ? "extra data after last expected column"
                : "missing data for column \"" + names.get(n) + "\"";
        long line = record.getStartingLineNumber();
        throw PgException.builder(BAD_COPY_FILE_FORMAT,
                problem + " (file \"" + label + "\", line " + line + ")")
                .where("file " + label + ", line " + line).build();
    }

    private static PgException ioError(String label, IOException e) {
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

    /** Takes IS [NOT] NULL on any column, comparisons on every typed column, and only = and <> on text. */
    @Override
    public boolean supportsFilter(ColumnFilter filter) {
        return switch (filter.op()) {
            case IS_NULL, IS_NOT_NULL, EQ, NE -> true;
            // ordering text follows the collation, which the engine knows and this table does not
            default -> kinds.get(filter.column()) != ColumnKind.TEXT;
        };
    }

    @Override
    public TableScan scan(ScanRequest request) throws IOException {
        int[] projection = request.projection();
        List<ColumnFilter> filters = request.filters();
        long limit = request.limit();
        List<String> names = columns.stream().map(TableColumn::name).toList();
        CsvReader<CsvRecord> reader = open(file);
        CloseableIterator<CsvRecord> it = reader.iterator();
        return new TableScan() {
            long returned;
            long lastLine;
            boolean headerSkipped;

            @Override
            public Object[] next() {
                if (!headerSkipped) {
                    headerSkipped = true;
                    if (!hasNext(it, label, 0)) {
                        return null;
                    }
                    lastLine = it.next().getStartingLineNumber();
                }
                while (limit < 0 || returned < limit) {
                    if (!hasNext(it, label, lastLine)) {
                        return null;
                    }
                    CsvRecord record = it.next();
                    rowsRead.increment();
                    lastLine = record.getStartingLineNumber();
                    checkFieldCount(record, names, label);
                    Object[] values = new Object[kinds.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = value(record, i);
                    }
                    if (matches(values, filters)) {
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

            @Override
            public void close() {
                try {
                    it.close();
                    reader.close();
                } catch (IOException e) {
                    // the file was only read
                }
            }
        };
    }

    private Object value(CsvRecord record, int column) {
        String field = record.getField(column);
        if (field.isEmpty()) {
            return null;
        }
        try {
            return kinds.get(column).parse(field);
        } catch (PgException e) {
            long line = record.getStartingLineNumber();
            String col = columns.get(column).name();
            throw PgException.builder(e.sqlState(),
                    e.getMessage() + " (file \"" + label + "\", line " + line + ", column " + col + ")")
                    .where("file " + label + ", line " + line + ", column " + col + ": \"" + field + "\"").build();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean matches(Object[] values, List<ColumnFilter> filters) {
        for (ColumnFilter f : filters) {
            Object v = values[f.column()];
            boolean ok = switch (f.op()) {
                case IS_NULL -> v == null;
                case IS_NOT_NULL -> v != null;
                default -> v != null && f.op().test(((Comparable) v).compareTo(f.value()));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
