package io.pgserve.examples.files;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A folder of CSV files as a read-only catalog: {@code DIR/name.csv} is the table {@code public.name} and
 * {@code DIR/sub/name.csv} the table {@code sub.name}. The header row names the columns and the first
 * {@value CsvTable#SAMPLE_ROWS} rows give their types; every scan streams the file again, so a LIMIT stops reading
 * early and a changed file (another modification time or size) is described and read anew by the next query.
 *
 * <pre>{@code
 * SqlEngine engine = new SqlEngine(new FilesCatalog(Path.of("data")));
 * PgServer server = PgServer.builder().port(5432).handler(engine).build().start();
 * // psql: \dt, SELECT * FROM people LIMIT 10, SELECT count(*) FROM sales.orders
 * }</pre>
 */
public final class FilesCatalog implements Catalog {
    private static final String EXTENSION = ".csv";

    /** What identifies a version of a file: its modification time and size. */
    record Stamp(java.nio.file.attribute.FileTime modified, long size) {
    }

    private final Path dir;
    private final Map<Path, CsvTable> tables = new ConcurrentHashMap<>();
    private final LongAdder rowsRead = new LongAdder();

    /** Serves the CSV files of {@code dir} and of its direct subfolders. */
    public FilesCatalog(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The data rows all scans have read so far (not counting the type inference's sample): for tests. */
    public long rowsRead() {
        return rowsRead.sum();
    }

    @Override
    public Table table(String schema, String name) {
        Path folder = folder(schema);
        if (folder == null || !safeName(name)) {
            return null;
        }
        return table(folder.resolve(name + EXTENSION), schema, name);
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
        List<Table> result = new ArrayList<>();
        for (Path p : list(folder)) {
            String file = p.getFileName().toString();
            String name = file.substring(0, Math.max(0, file.length() - EXTENSION.length()));
            if (file.endsWith(EXTENSION) && safeName(name)) {
                try {
                    Table t = table(p, schema, name);
                    if (t != null) {
                        result.add(t);
                    }
                } catch (RuntimeException e) {
                    // a file that cannot be described is left out of the listing; querying it reports why
                }
            }
        }
        return result;
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

    /** The table for {@code file} as it is now: the cached one if the file has not changed, else a new one. */
    private CsvTable table(Path file, String schema, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        Stamp stamp = new Stamp(attributes.lastModifiedTime(), attributes.size());
        CsvTable cached = tables.get(file);
        if (cached != null && cached.stamp.equals(stamp)) {
            return cached;
        }
        CsvTable fresh = CsvTable.infer(file, dir.relativize(file).toString(), schema, name, stamp, rowsRead);
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
