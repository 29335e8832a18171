package io.pgserve.examples;

import io.pgserve.examples.files.FilesCatalog;
import io.pgserve.server.PgServer;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code java -jar pgserve-examples.jar <example> [options]}: starts one of the example servers and runs until
 * interrupted.
 */
@Command(name = "pgserve-examples", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a pgserve example server until interrupted.%n"
                + "Examples: hello, memdb, files (--dir DIR: its CSV and JSON-lines files as tables), bridge "
                + "(--jdbc-url URL: DuckDB or SQLite behind PostgreSQL's protocol), select1 and "
                + "stream (for the benchmarks)")
public final class Main implements Callable<Integer> {

    /** The examples, by name. */
    static final Map<String, Function<Main, QueryHandlerFactory>> EXAMPLES = Map.of(
            "hello", main -> session -> new HelloHandler(),
            "memdb", main -> io.pgserve.engine.SqlEngine.memdb(),
            "files", Main::files,
            "bridge", Main::bridge,
            "select1", main -> session -> new Select1Handler(),
            "stream", main -> session -> new StreamHandler());

    @Parameters(index = "0", paramLabel = "EXAMPLE", description = "Which example to run: ${COMPLETION-CANDIDATES}",
            completionCandidates = ExampleNames.class)
    String example;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port = 5432;

    @Option(names = "--unix-socket-dir", paramLabel = "DIR",
            description = "Also listen on DIR/.s.PGSQL.<port> (psql -h DIR)")
    Path unixSocketDir;

    @Option(names = "--user", description = "The only user accepted when --password is given (default: ${DEFAULT-VALUE})")
    String user = "postgres";

    @Option(names = "--password", description = "Require this password for --user; without it any user is trusted")
    String password;

    @Option(names = "--auth", description = "Password method: scram, md5 or password (default: ${DEFAULT-VALUE})")
    String auth = "scram";

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Sessions at once; more get FATAL 53300 (default: ${DEFAULT-VALUE}, as PostgreSQL)")
    int maxConnections = 100;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "files: serve DIR's *.csv and *.jsonl files as tables (subfolders as schemas; "
                    + "NAME.csv.types lines 'column = type' override inferred types)")
    Path dir;

    @Option(names = "--skip-malformed",
            description = "files: log and skip a record that is not a row (wrong field count, a value not of its "
                    + "column's type, a line that is not a JSON object) instead of failing the query")
    boolean skipMalformed;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "bridge: the engine to serve, jdbc:duckdb:/path/db or jdbc:sqlite:/path/db")
    String jdbcUrl;

    @Option(names = "--pool-size", paramLabel = "N",
            description = "bridge: connections to the engine at most (default: ${DEFAULT-VALUE})")
    int poolSize = 8;

    @Option(names = "--refresh-seconds", paramLabel = "S",
            description = "bridge: re-read the engine's schema this often, 0 for only after DDL (default: ${DEFAULT-VALUE})")
    int refreshSeconds = 60;

    /** The bridge example's engine connection, closed with the server's JVM. */
    io.pgserve.examples.bridge.Bridge bridgeInstance;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: enables TLS")
    File tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key for --tls-cert")
    File tlsKey;

    /** Lists the example names for --help. */
    static final class ExampleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return new java.util.TreeSet<>(EXAMPLES.keySet()).iterator();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PgServer server;
        try {
            server = startServer();
        } catch (java.io.UncheckedIOException e) {
            System.err.println("Could not start on " + host + ":" + port + ": " + e.getCause().getMessage());
            return 1;
        }
        System.out.println("pgserve '" + example + "' example listening on " + host + ":" + server.port()
                + (server.unixSocketPath() != null ? " and " + server.unixSocketPath() : "")
                + " - try: psql -h " + host + " -p " + server.port() + " -U " + user);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pgserve-shutdown"));
        stopped.await();
        return 0;
    }

    /** Builds and starts the chosen example from the parsed options. */
    PgServer startServer() {
        Function<Main, QueryHandlerFactory> factory = EXAMPLES.get(example);
        if (factory == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "Unknown example '" + example + "'. Examples: " + String.join(", ", new ExampleNames()));
        }
        PgServer.Builder builder = PgServer.builder().host(host).port(port).maxConnections(maxConnections)
                .handler(factory.apply(this));
        if (unixSocketDir != null) {
            builder.unixSocketDirectory(unixSocketDir);
        }
        if (password != null) {
            builder.authentication(method(auth), CredentialStore.builder().user(user, password).build());
        }
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--tls-cert and --tls-key go together");
            }
            builder.tls(tlsCert, tlsKey);
        }
        return builder.build().start();
    }

    /** The files example: the CSV and JSON-lines files under --dir. */
    private QueryHandlerFactory files() {
        if (dir == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "the files example needs --dir DIR");
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--dir " + dir + " is not a directory");
        }
        return new io.pgserve.engine.SqlEngine(new FilesCatalog(dir, skipMalformed));
    }

    /** The bridge example: the JDBC engine at --jdbc-url behind PostgreSQL's protocol. */
    private QueryHandlerFactory bridge() {
        if (jdbcUrl == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "the bridge example needs --jdbc-url URL");
        }
        try {
            bridgeInstance = io.pgserve.examples.bridge.Bridge.open(jdbcUrl, poolSize,
                    java.time.Duration.ofSeconds(refreshSeconds));
        } catch (java.sql.SQLException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--jdbc-url " + jdbcUrl + ": "
                    + e.getMessage());
        }
        return bridgeInstance.handlerFactory();
    }

    private static AuthMethod method(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "scram": case "scram-sha-256": return AuthMethod.SCRAM_SHA_256;
            case "md5": return AuthMethod.MD5;
            case "password": case "cleartext": return AuthMethod.PASSWORD;
            default: throw new CommandLine.ParameterException(new CommandLine(new Main()),
                    "--auth must be scram, md5 or password, not " + name);
        }
    }
}
