package io.pgserve.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlParseException;
import io.pgserve.sql.SqlParser;
import io.pgserve.sql.SqlSplitter;

/** Arbitrary text into the SQL lexer, splitter and parser: a result or a SqlParseException, nothing else. */
class SqlFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void lexAndSplit(FuzzedDataProvider data) {
        String sql = data.consumeRemainingAsString();
        try {
            SqlLexer.tokenize(sql);
        } catch (SqlParseException expected) {
            // unterminated literal or comment...
        }
        try {
            SqlSplitter.split(sql);
        } catch (SqlParseException expected) {
            // as above
        }
    }

    @FuzzTest(maxDuration = "60s")
    void parse(FuzzedDataProvider data) {
        String sql = data.consumeRemainingAsString();
        try {
            SqlParser.parse(sql);
        } catch (SqlParseException expected) {
            // a syntax error, with its position
        }
        try {
            SqlParser.parseAll(sql);
        } catch (SqlParseException expected) {
            // as above
        }
    }
}
