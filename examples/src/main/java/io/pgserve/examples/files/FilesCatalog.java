package io.pgserve.examples.files;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A folder of CSV and JSON-lines files as a read-only catalog: {@code DIR/name.csv} (or {@code name.jsonl}) is the
 * table {@code public.name} and {@code DIR/sub/name.csv} the table {@code sub.name}. A CSV file's header row names
 * its columns, a JSON-lines file's keys name them; the first {@value FileTable#SAMPLE_ROWS} records give their types.
 * Every scan streams the file again, so a LIMIT stops reading early and a changed file (another modification time or
 * size) is described and read anew by the next query.
 *
 * <pre>{@code
 * SqlEngine engine = new SqlEngine(new FilesCatalog(Path.of("data")));
 * PgServer server = PgServer.builder().port(5432).handler(engine).build().start();
 * // psql: \dt, SELECT * FROM people LIMIT 10, SELECT count(*) FROM sales.orders
 * }</pre>
 */
public final class FilesCatalog implements Catalog {
    /** The file formats by extension, in the order they win when two files of a folder have the same name. */
    private static final Map<String, Records.Format> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put(".csv", CsvRecords::new);
        FORMATS.put(".jsonl", JsonRecords::new);
    }

    /**
     * What identifies a version of a file: its modification time and size, and those of its sidecar file of column
     * types ({@code types} null when it has none).
     */
    record Stamp(FileTime modified, long size, Stamp types) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FilesCatalog.class);

    private final Path dir;
    private final Map<Path, FileTable> tables = new ConcurrentHashMap<>();
    private final LongAdder rowsRead = new LongAdder();
    private final boolean skipMalformed;

    /** Serves the files of {@code dir} and of its direct subfolders; a malformed record is an error. */
    public FilesCatalog(Path dir) {
        this(dir, false);
    }

    /**
     * Serves the files of {@code dir} and of its direct subfolders. With {@code skipMalformed}, a record that cannot
     * be read as a row (wrong number of fields, a value not of its column's type, a line that is not a JSON object)
     * is logged and skipped instead of failing the query; a CSV syntax error (an unclosed quote) still fails it.
     */
    public FilesCatalog(Path dir, boolean skipMalformed) {
        this.skipMalformed = skipMalformed;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The records all scans have read so far (not counting the type inference's sample): for tests. */
    public long rowsRead() {
        return rowsRead.sum();
    }

    @Override
    public Table table(String schema, String name) {
        Path folder = folder(schema);
        if (folder == null || !safeName(name)) {
            return null;
        }
        for (Map.Entry<String, Records.Format> format : FORMATS.entrySet()) {
            FileTable t = table(folder.resolve(name + format.getKey()), format.getValue(), schema, name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    @Override
    public boolean schemaExists(String schema) {
        return folder(schema) != null;
    }

    @Override
    public List<String> schemas() {
        List<String> schemas = new ArrayList<>();
        schemas.add("public");
        for (Path p : list(dir)) {
            String n = p.getFileName().toString();
            if (Files.isDirectory(p) && safeName(n) && !n.equals("public")) {
                schemas.add(n);
            }
        }
        return schemas;
    }

    @Override
    public List<Table> tables(String schema) {
        Path folder = folder(schema);
        if (folder == null) {
            return List.of();
        }
        Map<String, Table> result = new LinkedHashMap<>();
        for (Path p : list(folder)) {
            String file = p.getFileName().toString();
            for (String extension : FORMATS.keySet()) {
                String name = file.substring(0, Math.max(0, file.length() - extension.length()));
                if (file.endsWith(extension) && safeName(name) && !result.containsKey(name)) {
                    try {
                        Table t = table(schema, name);
                        if (t != null) {
                            result.put(name, t);
                        }
                    } catch (RuntimeException e) {
                        // a file that cannot be described is left out of the listing; querying it reports why
                        LOG.warn("{} is left out of the tables: {}", dir.relativize(p), e.getMessage());
                    }
                }
            }
        }
        return List.copyOf(result.values());
    }

    /** The folder of a schema: DIR for public, DIR/schema for the others; null when there is none. */
    private Path folder(String schema) {
        if ("public".equals(schema)) {
            return dir;
        }
        if (!safeName(schema)) {
            return null;
        }
        Path folder = dir.resolve(schema);
        return Files.isDirectory(folder) ? folder : null;
    }

    /** A name that is one plain path element: no separators, not hidden, not "." or "..". */
    private static boolean safeName(String name) {
        return name != null && !name.isEmpty() && !name.startsWith(".") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** The table for {@code file} as it is now (the cached one if the file has not changed), or null if none. */
    private FileTable table(Path file, Records.Format format, String schema, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        Path sidecar = file.resolveSibling(file.getFileName() + ColumnTypes.SUFFIX);
        Stamp sidecarStamp = null;
        try {
            BasicFileAttributes a = Files.readAttributes(sidecar, BasicFileAttributes.class);
            sidecarStamp = new Stamp(a.lastModifiedTime(), a.size(), null);
        } catch (IOException e) {
            // no sidecar: every column is inferred
        }
        Stamp stamp = new Stamp(attributes.lastModifiedTime(), attributes.size(), sidecarStamp);
        FileTable cached = tables.get(file);
        if (cached != null && cached.stamp.equals(stamp)) {
            return cached;
        }
        ColumnTypes types = sidecarStamp == null ? ColumnTypes.NONE
                : ColumnTypes.read(sidecar, dir.relativize(sidecar).toString());
        FileTable fresh = FileTable.infer(file, format, dir.relativize(file).toString(), schema, name, stamp, types,
                skipMalformed, rowsRead);
        tables.put(file, fresh);
        return fresh;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
