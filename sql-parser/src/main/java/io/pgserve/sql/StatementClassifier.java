package io.pgserve.sql;

import io.pgserve.sql.internal.grammar.PostgreSqlKeywords;
import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Reads a statement's kind and command tag from its leading keywords, as PostgreSQL names command tags
 * (src/include/tcop/cmdtaglist.h, CreateCommandTag() in src/backend/tcop/utility.c), and as they appear in
 * CommandComplete: where the executor reports its own tag, that one (CREATE TABLE AS reports "SELECT n").
 */
final class StatementClassifier {

    record Result(StatementKind kind, String commandTag) {
    }

    /** Object types of CREATE/ALTER/DROP that are more than one word (checked before the one-word ones). */
    private static final List<List<String>> MULTI_WORD_OBJECTS = List.of(
            List.of("MATERIALIZED", "VIEW"), List.of("FOREIGN", "DATA", "WRAPPER"), List.of("FOREIGN", "TABLE"),
            List.of("EVENT", "TRIGGER"), List.of("ACCESS", "METHOD"), List.of("OPERATOR", "CLASS"),
            List.of("OPERATOR", "FAMILY"), List.of("TEXT", "SEARCH", "PARSER"),
            List.of("TEXT", "SEARCH", "DICTIONARY"), List.of("TEXT", "SEARCH", "TEMPLATE"),
            List.of("TEXT", "SEARCH", "CONFIGURATION"), List.of("USER", "MAPPING"),
            List.of("DEFAULT", "PRIVILEGES"), List.of("LARGE", "OBJECT"));

    /** Words between CREATE and the object type that do not change the tag. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("TEMP", "TEMPORARY", "LOCAL", "GLOBAL", "UNLOGGED",
            "UNIQUE", "DEFAULT", "TRUSTED", "PROCEDURAL", "RECURSIVE", "CONSTRAINT");

    private final List<Token> tokens;
    private int pos;

    private StatementClassifier(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Result classify(List<Token> tokens) {
        return new StatementClassifier(tokens).statement();
    }

    private Result statement() {
        // "(SELECT 1) UNION SELECT 2": a parenthesized query.
        while (type(pos) == PostgreSqlLexer.OPEN_PAREN) {
            pos++;
        }
        String first = word(pos);
        switch (first) {
            case "SELECT": return result(StatementKind.SELECT, "SELECT");
            case "VALUES": return result(StatementKind.VALUES, "SELECT");
            case "TABLE": return result(StatementKind.TABLE, "SELECT");
            case "WITH": return with();
            case "INSERT": return result(StatementKind.INSERT, "INSERT");
            case "UPDATE": return result(StatementKind.UPDATE, "UPDATE");
            case "DELETE": return result(StatementKind.DELETE, "DELETE");
            case "MERGE": return result(StatementKind.MERGE, "MERGE");
            case "COPY": return result(StatementKind.COPY, "COPY");
            case "BEGIN": return result(StatementKind.BEGIN, "BEGIN");
            case "START": return result(StatementKind.BEGIN, "START TRANSACTION");
            case "COMMIT":
                return word(pos + 1).equals("PREPARED")
                        ? result(StatementKind.TWO_PHASE, "COMMIT PREPARED") : result(StatementKind.COMMIT, "COMMIT");
            case "END": return result(StatementKind.COMMIT, "COMMIT");
            case "ROLLBACK": return rollback();
            case "ABORT": return result(StatementKind.ROLLBACK, "ROLLBACK");
            case "SAVEPOINT": return result(StatementKind.SAVEPOINT, "SAVEPOINT");
            case "RELEASE": return result(StatementKind.RELEASE_SAVEPOINT, "RELEASE");
            case "PREPARE":
                return word(pos + 1).equals("TRANSACTION")
                        ? result(StatementKind.TWO_PHASE, "PREPARE TRANSACTION")
                        : result(StatementKind.PREPARE, "PREPARE");
            case "SET":
                // SET CONSTRAINTS is about deferred constraint checks, not a session parameter.
                return word(pos + 1).equals("CONSTRAINTS")
                        ? result(StatementKind.OTHER, "SET CONSTRAINTS") : result(StatementKind.SET, "SET");
            case "RESET": return result(StatementKind.RESET, "RESET");
            case "SHOW": return result(StatementKind.SHOW, "SHOW");
            case "DISCARD": return discard();
            case "CREATE": return create();
            case "ALTER":
            case "DROP":
                return alterOrDrop(first);
            case "TRUNCATE": return result(StatementKind.DDL, "TRUNCATE TABLE");
            case "COMMENT": return result(StatementKind.DDL, "COMMENT");
            case "GRANT":
            case "REVOKE":
                // GRANT privileges ON object ... versus GRANT role TO role (tag "GRANT ROLE").
                return result(StatementKind.DDL, containsAtTopLevel(PostgreSqlLexer.ON) ? first : first + " ROLE");
            case "SECURITY": return result(StatementKind.DDL, "SECURITY LABEL");
            case "REFRESH": return result(StatementKind.DDL, "REFRESH MATERIALIZED VIEW");
            case "EXECUTE": return result(StatementKind.EXECUTE, "EXECUTE");
            case "DEALLOCATE": return deallocate();
            case "DECLARE": return result(StatementKind.DECLARE, "DECLARE CURSOR");
            case "FETCH": return result(StatementKind.FETCH, "FETCH");
            case "MOVE": return result(StatementKind.MOVE, "MOVE");
            case "CLOSE":
                return result(StatementKind.CLOSE, word(pos + 1).equals("ALL") ? "CLOSE CURSOR ALL" : "CLOSE CURSOR");
            case "LISTEN": return result(StatementKind.LISTEN, "LISTEN");
            case "UNLISTEN": return result(StatementKind.UNLISTEN, "UNLISTEN");
            case "NOTIFY": return result(StatementKind.NOTIFY, "NOTIFY");
            case "EXPLAIN": return result(StatementKind.EXPLAIN, "EXPLAIN");
            case "VACUUM": return result(StatementKind.VACUUM, "VACUUM");
            case "ANALYZE":
            case "ANALYSE":
                return result(StatementKind.ANALYZE, "ANALYZE");
            case "CALL": return result(StatementKind.CALL, "CALL");
            case "DO": return result(StatementKind.DO, "DO");
            case "LOCK": return result(StatementKind.LOCK, "LOCK TABLE");
            case "CHECKPOINT": return result(StatementKind.CHECKPOINT, "CHECKPOINT");
            default:
                return result(StatementKind.OTHER, first.isEmpty() ? upper(text(pos)) : first);
        }
    }

    /**
     * WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query) [SEARCH ...] [CYCLE ...], ... main:
     * the statement is whatever main is.
     */
    private Result with() {
        pos++;
        if (word(pos).equals("RECURSIVE")) {
            pos++;
        }
        boolean queryGroup = false;
        boolean sawQuery = false;
        int depth = 0;
        for (; pos < tokens.size(); pos++) {
            int type = type(pos);
            if (depth == 0 && sawQuery) {
                if (type == PostgreSqlLexer.OPEN_PAREN || isMainStatementStart(word(pos))) {
                    return statement();
                }
                if (type == PostgreSqlLexer.COMMA) {
                    sawQuery = false;
                    continue;
                }
            }
            if (type == PostgreSqlLexer.OPEN_PAREN) {
                if (depth == 0) {
                    // The CTE's query follows AS or [NOT] MATERIALIZED; other groups are column lists.
                    String before = word(pos - 1);
                    queryGroup = before.equals("AS") || before.equals("MATERIALIZED");
                }
                depth++;
            } else if (type == PostgreSqlLexer.CLOSE_PAREN) {
                depth--;
                if (depth == 0 && queryGroup) {
                    sawQuery = true;
                }
            }
        }
        return result(StatementKind.SELECT, "SELECT");
    }

    private static boolean isMainStatementStart(String word) {
        switch (word) {
            case "SELECT": case "VALUES": case "TABLE": case "INSERT": case "UPDATE": case "DELETE": case "MERGE":
                return true;
            default:
                return false;
        }
    }

    /** ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name, ROLLBACK PREPARED 'gid', or plain ROLLBACK. */
    private Result rollback() {
        int i = pos + 1;
        if (word(i).equals("PREPARED")) {
            return result(StatementKind.TWO_PHASE, "ROLLBACK PREPARED");
        }
        if (word(i).equals("WORK") || word(i).equals("TRANSACTION")) {
            i++;
        }
        return word(i).equals("TO")
                ? result(StatementKind.ROLLBACK_TO_SAVEPOINT, "ROLLBACK") : result(StatementKind.ROLLBACK, "ROLLBACK");
    }

    private Result discard() {
        String what = word(pos + 1);
        return result(StatementKind.DISCARD, "DISCARD " + (what.equals("TEMPORARY") ? "TEMP" : what));
    }

    private Result deallocate() {
        int i = pos + 1;
        if (word(i).equals("PREPARE")) {
            i++;
        }
        return result(StatementKind.DEALLOCATE, word(i).equals("ALL") ? "DEALLOCATE ALL" : "DEALLOCATE");
    }

    private Result create() {
        int i = pos + 1;
        if (word(i).equals("OR") && word(i + 1).equals("REPLACE")) {
            i += 2;
        }
        while (CREATE_MODIFIERS.contains(word(i))) {
            i++;
        }
        String object = objectType(i);
        // CREATE TABLE ... AS and CREATE MATERIALIZED VIEW report the rows they stored ("SELECT n"), unless
        // WITH NO DATA, where the tag is "CREATE TABLE AS" / "CREATE MATERIALIZED VIEW".
        boolean table = object.equals("TABLE");
        if ((table && containsAtTopLevel(PostgreSqlLexer.AS)) || object.equals("MATERIALIZED VIEW")) {
            if (endsWithNoData()) {
                return result(StatementKind.DDL, table ? "CREATE TABLE AS" : "CREATE MATERIALIZED VIEW");
            }
            return result(StatementKind.DDL, "SELECT");
        }
        return result(StatementKind.DDL, "CREATE " + object);
    }

    private Result alterOrDrop(String verb) {
        return result(StatementKind.DDL, verb + " " + objectType(pos + 1));
    }

    /** The object type words starting at i, as PostgreSQL names them in tags (USER and GROUP are roles). */
    private String objectType(int i) {
        for (List<String> words : MULTI_WORD_OBJECTS) {
            if (wordsAt(i, words)) {
                return String.join(" ", words);
            }
        }
        String word = word(i);
        if (word.equals("USER") || word.equals("GROUP")) {
            return "ROLE";
        }
        return word.isEmpty() ? upper(text(i)) : word;
    }

    private boolean wordsAt(int i, List<String> words) {
        for (int k = 0; k < words.size(); k++) {
            if (!word(i + k).equals(words.get(k))) {
                return false;
            }
        }
        return true;
    }

    private boolean endsWithNoData() {
        int n = tokens.size();
        return n >= 3 && word(n - 3).equals("WITH") && word(n - 2).equals("NO") && word(n - 1).equals("DATA");
    }

    private boolean containsAtTopLevel(int tokenType) {
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            int type = type(i);
            if (type == PostgreSqlLexer.OPEN_PAREN) {
                depth++;
            } else if (type == PostgreSqlLexer.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && type == tokenType) {
                return true;
            }
        }
        return false;
    }

    private int type(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).getType() : Token.EOF;
    }

    private String text(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).getText() : "";
    }

    /**
     * The upper-case word at i if that token is a keyword or an unquoted identifier, else "". A quoted
     * identifier such as "select" is never a keyword.
     */
    private String word(int i) {
        int type = type(i);
        PostgreSqlKeywords.Keyword keyword = PostgreSqlKeywords.byTokenType(type);
        if (keyword != null) {
            return upper(keyword.word());
        }
        if (type == PostgreSqlLexer.IDENT) {
            String text = text(i);
            return text.startsWith("\"") ? "" : upper(text);
        }
        return "";
    }

    private static String upper(String s) {
        // ASCII only, as PostgreSQL folds keywords; identifiers keep their other characters.
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] -= 'a' - 'A';
            }
        }
        return new String(chars);
    }

    private static Result result(StatementKind kind, String tag) {
        return new Result(kind, tag);
    }
}
