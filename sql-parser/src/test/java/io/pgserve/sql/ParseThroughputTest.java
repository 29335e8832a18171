package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints how many statements per second the parser handles, for a mix of OLTP statements and the catalog queries
 * of the corpus, with and without the cache. A measurement printed for people, not an assertion on time (that
 * belongs in a JMH benchmark).
 */
class ParseThroughputTest {
    private static final List<String> OLTP = List.of(
            "SELECT id, name, email FROM app.customers WHERE id = $1",
            "SELECT o.id, o.amount FROM app.orders o JOIN app.customers c ON c.id = o.customer_id WHERE c.email = $1 "
                    + "ORDER BY o.id DESC LIMIT 20",
            "INSERT INTO app.orders (customer_id, amount, tags) VALUES ($1, $2, $3) RETURNING id",
            "UPDATE app.customers SET name = $1 WHERE id = $2",
            "DELETE FROM app.orders WHERE id = $1",
            "BEGIN", "COMMIT", "SET application_name = 'app'", "SHOW TRANSACTION ISOLATION LEVEL");

    @Test
    void throughput() {
        List<String> mix = new ArrayList<>(OLTP);
        for (String client : CorpusTest.CLIENTS) {
            mix.addAll(CorpusTest.entries(client));
        }
        List<String> oltp = OLTP;
        report("OLTP", oltp, false);
        report("OLTP + catalog queries", mix, false);
        report("OLTP + catalog queries, cached", mix, true);
    }

    private static void report(String name, List<String> texts, boolean cached) {
        SqlParserCache cache = SqlParserCache.create(texts.size());
        int statements = 0;
        // Warm up the JIT and ANTLR's prediction cache.
        for (int i = 0; i < 3; i++) {
            for (String sql : texts) {
                statements += (cached ? cache.parseAll(sql) : SqlParser.parseAll(sql)).size();
            }
        }
        statements = 0;
        long start = System.nanoTime();
        long deadline = start + 500_000_000L;
        while (System.nanoTime() < deadline) {
            for (String sql : texts) {
                statements += (cached ? cache.parseAll(sql) : SqlParser.parseAll(sql)).size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("parse throughput, %s: %.0f statements/s%n", name, statements / seconds);
        assertFalse(statements == 0);
    }
}
