package io.pgserve.server.psql;

import static org.junit.jupiter.api.Assertions.fail;

import io.pgserve.server.PgServer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code psql} client against a server, with stdin from a string and stdout and stderr captured
 * (separately, or merged to see the order of notices and results). Every process started is waited for, and killed
 * when it outlives its timeout, so no psql survives a test.
 *
 * <p>The environment is cleared of the caller's {@code PG*} variables so only what a test sets counts; psql never
 * prompts for a password ({@code -w}), reads no psqlrc ({@code -X}) and uses no pager.
 */
final class Psql {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String stdin = "";
    private boolean mergeStderr;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Psql() {
        env.put("PGCONNECT_TIMEOUT", "5");
        env.put("PGSSLMODE", "disable");
        env.put("LC_ALL", "C.UTF-8");
        env.put("PSQL_PAGER", "cat");
        args.add(executable());
        args.add("-X");
        args.add("-w");
        args.add("-P");
        args.add("pager=off");
        args.add("-v");
        args.add("ON_ERROR_STOP=0");
    }

    /** psql connecting over TCP to the server's 127.0.0.1 port, as {@code user}, to database {@code postgres}. */
    static Psql tcp(PgServer server, String user) {
        return new Psql().args("-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", user, "-d", "postgres");
    }

    /** psql connecting through the Unix-domain socket in {@code dir}. */
    static Psql unix(Path dir, int port, String user) {
        return new Psql().args("-h", dir.toString(), "-p", Integer.toString(port), "-U", user, "-d", "postgres");
    }

    /** psql with only the given connection arguments. */
    static Psql bare() {
        return new Psql();
    }

    Psql args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** {@code -A -t}: unaligned, tuples only. */
    Psql unaligned() {
        return args("-A", "-t");
    }

    Psql password(String password) {
        return env("PGPASSWORD", password);
    }

    Psql sslMode(String mode) {
        return env("PGSSLMODE", mode);
    }

    Psql env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Psql stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Sends stderr to the same stream as stdout, to see notices and results in the order psql prints them. */
    Psql mergeStderr() {
        this.mergeStderr = true;
        return this;
    }

    Psql timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** What psql printed and its exit status. {@code stderr} is empty when it was merged into {@code stdout}. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "psql exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    Result run() {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("psql-run");
            File in = dir.resolve("stdin").toFile();
            File out = dir.resolve("stdout").toFile();
            File err = dir.resolve("stderr").toFile();
            Files.writeString(in.toPath(), stdin, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(args)
                    .redirectInput(in)
                    .redirectOutput(out);
            if (mergeStderr) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err);
            }
            pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("PSQL") || k.startsWith("LC_")
                    || k.equals("LANG") || k.equals("LANGUAGE"));
            pb.environment().putAll(env);
            pb.environment().putIfAbsent("PGPASSFILE", dir.resolve("no-such-pgpass").toString());
            process = pb.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                fail("psql did not finish within " + timeout + ": " + args + "\n--- stdout so far ---\n"
                        + read(out) + "--- stderr so far ---\n" + (mergeStderr ? "" : read(err)));
            }
            return new Result(process.exitValue(), read(out), mergeStderr ? "" : read(err));
        } catch (IOException e) {
            throw new AssertionError("could not run psql " + args, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running psql", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static String read(File f) throws IOException {
        return f.exists() ? Files.readString(f.toPath(), StandardCharsets.UTF_8) : "";
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    /** The psql executable: $PSQL, else /usr/bin/psql, else psql on the PATH. Fails clearly when there is none. */
    static String executable() {
        String configured = System.getenv("PSQL");
        if (configured != null && new File(configured).canExecute()) {
            return configured;
        }
        if (new File("/usr/bin/psql").canExecute()) {
            return "/usr/bin/psql";
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, "psql");
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return fail("The psql client (PostgreSQL 15) is required by these tests but was not found in /usr/bin or "
                + "on the PATH; install it (Debian/Ubuntu: apt-get install postgresql-client-15) or set $PSQL.");
    }
}
