package io.pgserve.testing.internal;

import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.TransactionMode;
import io.pgserve.sql.RawStatement;
import io.pgserve.sql.SqlParseException;
import io.pgserve.sql.SqlSplitter;
import io.pgserve.sql.StatementKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds SQL scripts (a file, or a folder of migrations such as Flyway's {@code db/migration}) on the class path
 * or the file system, orders them as a migration tool would, and runs them as plain SQL, one transaction per
 * script.
 */
public final class SqlScripts {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPEATABLE = Pattern.compile("R__.*\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private SqlScripts() {
    }

    /** A script's name (for error messages) and text. */
    public record Script(String name, String text) {
    }

    /**
     * The scripts at {@code location}: {@code classpath:db/migration}, {@code filesystem:/path/x.sql}, or a bare
     * path tried on the class path first. A folder gives its {@code .sql} files (sub-folders included): Flyway's
     * versioned {@code V<version>__*.sql} by version, then other names in natural order ({@code 2_x} before
     * {@code 10_x}), then repeatable {@code R__*.sql}.
     */
    public static List<Script> find(String location, ClassLoader loader) {
        String path = location;
        boolean classpath = true;
        boolean filesystem = true;
        if (location.startsWith("classpath:")) {
            path = location.substring("classpath:".length());
            filesystem = false;
        } else if (location.startsWith("filesystem:")) {
            path = location.substring("filesystem:".length());
            classpath = false;
        }
        Map<String, Script> found = new TreeMap<>(SqlScripts::compareNames);
        try {
            if (classpath) {
                String resource = path.startsWith("/") ? path.substring(1) : path;
                Enumeration<URL> urls = loader.getResources(resource);
                while (urls.hasMoreElements()) {
                    collect(urls.nextElement(), resource, found);
                }
            }
            if (found.isEmpty() && filesystem && Files.exists(Path.of(path))) {
                collect(Path.of(path), found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading SQL scripts at " + location, e);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no SQL script found at " + location);
        }
        return new ArrayList<>(found.values());
    }

    private static void collect(URL url, String resource, Map<String, Script> found) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                collect(Path.of(url.toURI()), found);
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        } else if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = resource.endsWith("/") ? resource : resource + "/";
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    boolean inFolder = e.getName().startsWith(prefix) && e.getName().endsWith(".sql");
                    if (!e.isDirectory() && (inFolder || e.getName().equals(resource))) {
                        try (InputStream in = jar.getInputStream(e)) {
                            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            found.put(e.getName(), new Script(e.getName(), text));
                        }
                    }
                }
            }
        } else {
            try (InputStream in = url.openStream()) {
                found.put(resource, new Script(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
    }

    private static void collect(Path path, Map<String, Script> found) throws IOException {
        if (!Files.isDirectory(path)) {
            found.put(path.getFileName().toString(), new Script(path.toString(), Files.readString(path)));
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".sql")).sorted()::iterator) {
                found.put(path.relativize(f).toString(), new Script(f.toString(), Files.readString(f)));
            }
        }
    }

    /** Migration order of two relative paths (see {@link #find}); compares file names, then paths. */
    static int compareNames(String a, String b) {
        String fa = a.substring(a.lastIndexOf('/') + 1);
        String fb = b.substring(b.lastIndexOf('/') + 1);
        int ga = group(fa);
        int gb = group(fb);
        if (ga != gb) {
            return Integer.compare(ga, gb);
        }
        int c = ga == 0 ? compareVersions(version(fa), version(fb)) : 0;
        if (c == 0) {
            c = natural(fa, fb);
        }
        return c != 0 ? c : a.compareTo(b);
    }

    private static int group(String file) {
        return VERSIONED.matcher(file).matches() ? 0 : REPEATABLE.matcher(file).matches() ? 2 : 1;
    }

    private static String version(String file) {
        Matcher m = VERSIONED.matcher(file);
        return m.matches() ? m.group(1) : "";
    }

    private static int compareVersions(String a, String b) {
        String[] pa = a.split("[._]+");
        String[] pb = b.split("[._]+");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long x = i < pa.length && !pa[i].isEmpty() ? Long.parseLong(pa[i]) : 0;
            long y = i < pb.length && !pb[i].isEmpty() ? Long.parseLong(pb[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    /** Natural order: runs of digits compare as numbers. */
    static int natural(String a, String b) {
        Matcher ma = NUMBER.matcher(a);
        Matcher mb = NUMBER.matcher(b);
        int ia = 0;
        int ib = 0;
        while (ia < a.length() && ib < b.length()) {
            boolean da = Character.isDigit(a.charAt(ia));
            boolean db = Character.isDigit(b.charAt(ib));
            if (da && db && ma.find(ia) && mb.find(ib)) {
                int c = new java.math.BigInteger(ma.group()).compareTo(new java.math.BigInteger(mb.group()));
                if (c != 0) {
                    return c;
                }
                ia = ma.end();
                ib = mb.end();
            } else {
                int c = Character.compare(a.charAt(ia), b.charAt(ib));
                if (c != 0) {
                    return c;
                }
                ia++;
                ib++;
            }
        }
        return Integer.compare(a.length() - ia, b.length() - ib);
    }

    /**
     * Runs a script's statements on {@code handler} in one transaction (rolled back on the first error, which is
     * rethrown naming the script, line and statement). Session statements (SET, SHOW...) are skipped: there is no
     * session here.
     */
    public static void run(QueryHandler handler, Script script) {
        List<RawStatement> statements;
        try {
            statements = SqlSplitter.split(script.text());
        } catch (SqlParseException e) {
            throw new IllegalStateException(script.name() + ": " + e.getMessage(), e);
        }
        execute(handler, "BEGIN", StatementKind.BEGIN, "BEGIN", script, null);
        boolean ok = false;
        try {
            for (RawStatement st : statements) {
                if (st.kind().isServedBySession() && !handler.handles(st.kind())) {
                    continue;
                }
                execute(handler, st.sql(), st.kind(), st.commandTag(), script, st);
            }
            ok = true;
        } finally {
            if (ok) {
                execute(handler, "COMMIT", StatementKind.COMMIT, "COMMIT", script, null);
            } else {
                try {
                    execute(handler, "ROLLBACK", StatementKind.ROLLBACK, "ROLLBACK", script, null);
                } catch (RuntimeException suppressed) {
                    // the first error is the one to report
                }
            }
        }
    }

    private static void execute(QueryHandler handler, String sql, StatementKind kind, String tag, Script script,
                                RawStatement st) {
        Query query = new Query(sql, kind, tag, List.of(), null, null, null, TransactionMode.BLOCK);
        try {
            QueryResult r = handler.execute(query);
            if (r instanceof QueryResult.Rows rows) {
                try (RowStream stream = rows.rows()) {
                    while (stream.next() != null) {
                        // drained: a SELECT in a script runs for its side effects
                    }
                }
            } else if (!(r instanceof QueryResult.Command)) {
                throw new PgException("0A000", "COPY is not supported in seed scripts");
            }
        } catch (Exception e) {
            String where = st == null ? "" : ", line " + line(script.text(), st.offset()) + ": " + st.sql();
            String error = e instanceof PgException p ? "ERROR " + p.sqlState() + " " + p.getMessage()
                    + (p.detail() == null ? "" : " (" + p.detail() + ")") : e.toString();
            throw new IllegalStateException(script.name() + where + "\n  " + error, e);
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
