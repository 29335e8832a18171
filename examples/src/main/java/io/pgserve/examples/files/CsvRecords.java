package io.pgserve.examples.files;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.pgserve.server.PgException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CSV file (UTF-8, RFC 4180) read by FastCSV: the first row is the header, an empty field is NULL. */
final class CsvRecords implements Records {
    private final String label;
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> it;
    private final List<String> header = new ArrayList<>();
    private CsvRecord current;
    private long lastLine;

    CsvRecords(Path file, String label) throws IOException {
        this.label = label;
        // field-count mismatches are checked by FileTable, for PostgreSQL's COPY wording
        this.reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true)
                .allowUnclosedQuote(false).allowExtraCharsAfterClosingQuote(false).detectBomHeader(true)
                .ofCsvRecord(file, StandardCharsets.UTF_8);
        this.it = reader.iterator();
        if (next()) {
            for (int i = 0; i < current.getFieldCount(); i++) {
                String n = current.getField(i).trim();
                n = n.isEmpty() ? "column" + (i + 1) : n;
                if (header.contains(n)) {
                    throw PgException.builder("42701", "column \"" + n + "\" specified more than once (file \""
                            + label + "\", line " + current.getStartingLineNumber() + ")").build();
                }
                header.add(n);
            }
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public boolean next() {
        try {
            if (!it.hasNext()) {
                current = null;
                return false;
            }
            current = it.next();
            lastLine = current.getStartingLineNumber();
            return true;
        } catch (CsvParseException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw PgException.builder(FileTable.BAD_COPY_FILE_FORMAT,
                    "malformed CSV in file \"" + label + "\": " + why)
                    .where("file " + label + ", line " + (lastLine + 1)).cause(e).build();
        } catch (UncheckedIOException e) {
            throw FileTable.ioError(label, e.getCause());
        }
    }

    @Override
    public long line() {
        return current.getStartingLineNumber();
    }

    @Override
    public int size() {
        return current.getFieldCount();
    }

    @Override
    public String name(int i) {
        return header.get(i);
    }

    @Override
    public String text(int i) {
        String field = current.getField(i);
        return field.isEmpty() ? null : field;
    }

    @Override
    public ColumnKind.Origin origin(int i) {
        return ColumnKind.Origin.CSV;
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
}
