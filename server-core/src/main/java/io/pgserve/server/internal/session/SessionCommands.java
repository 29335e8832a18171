package io.pgserve.server.internal.session;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * SET, SHOW and RESET as PostgreSQL runs them, over a session's {@link SessionParameters}. Reads the statement's
 * tokens; the grammar covered is PostgreSQL's VariableSetStmt / VariableShowStmt / VariableResetStmt.
 */
final class SessionCommands {
    private final SessionParameters parameters;
    private final Consumer<PgException> notices;

    SessionCommands(SessionParameters parameters, Consumer<PgException> notices) {
        this.parameters = parameters;
        this.notices = notices;
    }

    /** Runs a SET statement. */
    QueryResult set(String sql, boolean inTransaction) {
        Cursor c = new Cursor(SqlLexer.tokenize(sql));
        c.expectWord("set");
        boolean local = false;
        if (c.acceptWord("local")) {
            local = true;
        } else {
            c.acceptWord("session");
        }
        if (c.peekWord("characteristics")) {
            // SET SESSION CHARACTERISTICS AS TRANSACTION modes
            c.expectWord("characteristics");
            c.expectWord("as");
            c.expectWord("transaction");
            transactionModes(c, "default_", false, true);
            if (!inTransaction) {
                // outside a transaction block the next (implicit) transaction starts with the new defaults, which
                // SHOW transaction_isolation reports, as PostgreSQL does
                for (String mode : List.of("transaction_isolation", "transaction_read_only", "transaction_deferrable")) {
                    String v = parameters.get("default_" + mode);
                    if (v != null && parameters.get(mode) != null) {
                        parameters.set(mode, v, false, false);
                    }
                }
            }
        } else if (c.peekWord("transaction") && !c.peekAhead(1, "=") && !c.peekAheadWord(1, "to")) {
            c.expectWord("transaction");
            if (!inTransaction) {
                notices.accept(PgException.builder(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                        "SET TRANSACTION can only be used in transaction blocks")
                        .severity(PgException.Severity.WARNING).build());
                transactionModes(c, "", true, false);
            } else {
                transactionModes(c, "", false, true);
            }
        } else if (c.peekWord("time") && c.peekAheadWord(1, "zone")) {
            c.next();
            c.next();
            String value = c.acceptWord("local") || c.acceptWord("default") ? null : valueList(c, "TimeZone");
            parameters.set("TimeZone", value, local, inTransaction);
        } else if (c.peekWord("session") && c.peekAheadWord(1, "authorization")) {
            c.next();
            c.next();
            String value = c.acceptWord("default") ? null : singleValue(c);
            parameters.set("session_authorization", value, local, inTransaction);
        } else if (c.peekWord("constraints")) {
            c.pos = c.tokens.size(); // accepted; no deferred constraints to change
        } else {
            String name = parameterName(c);
            String value;
            if (name.equals("schema") || name.equals("names")) {
                value = c.acceptWord("default") ? null : singleValue(c);
            } else if (name.equals("role")) {
                value = c.acceptWord("none") ? "none" : singleValue(c);
            } else {
                if (!c.accept("=") && !c.acceptWord("to")) {
                    throw c.syntaxError();
                }
                value = c.acceptWord("default") ? null : valueList(c, name);
            }
            parameters.set(name, value, local, inTransaction);
        }
        c.expectEnd();
        return QueryResult.command("SET");
    }

    private void transactionModes(Cursor c, String prefix, boolean dryRun, boolean require) {
        boolean any = false;
        while (!c.atEnd()) {
            any = true;
            if (c.acceptWord("isolation")) {
                c.expectWord("level");
                String level;
                if (c.acceptWord("serializable")) {
                    level = "serializable";
                } else if (c.acceptWord("repeatable")) {
                    c.expectWord("read");
                    level = "repeatable read";
                } else {
                    c.expectWord("read");
                    level = c.acceptWord("committed") ? "read committed" : expectThen(c, "uncommitted",
                            "read uncommitted");
                }
                if (!dryRun) {
                    parameters.set(prefix + "transaction_isolation", level, false, true);
                }
            } else if (c.acceptWord("read")) {
                String v = c.acceptWord("only") ? "on" : expectThen(c, "write", "off");
                if (!dryRun) {
                    parameters.set(prefix + "transaction_read_only", v, false, true);
                }
            } else if (c.acceptWord("not")) {
                c.expectWord("deferrable");
                if (!dryRun) {
                    parameters.set(prefix + "transaction_deferrable", "off", false, true);
                }
            } else if (c.acceptWord("deferrable")) {
                if (!dryRun) {
                    parameters.set(prefix + "transaction_deferrable", "on", false, true);
                }
            } else if (c.accept(",")) {
                continue;
            } else {
                throw c.syntaxError();
            }
        }
        if (require && !any) {
            throw c.syntaxError();
        }
    }

    private static String expectThen(Cursor c, String word, String result) {
        c.expectWord(word);
        return result;
    }

    /** Runs a SHOW statement: one row, one text column named after the parameter. */
    QueryResult show(String sql) {
        Cursor c = new Cursor(SqlLexer.tokenize(sql));
        c.expectWord("show");
        if (c.acceptWord("all")) {
            c.expectEnd();
            List<Object[]> rows = new ArrayList<>();
            for (String[] row : parameters.all()) {
                rows.add(row);
            }
            return QueryResult.rows(List.of(Column.of("name", PgType.TEXT), Column.of("setting", PgType.TEXT),
                    Column.of("description", PgType.TEXT)), rows).withTag("SHOW");
        }
        String name;
        if (c.peekWord("time") && c.peekAheadWord(1, "zone")) {
            c.next();
            c.next();
            name = "TimeZone";
        } else if (c.peekWord("transaction") && c.peekAheadWord(1, "isolation")) {
            c.next();
            c.next();
            c.expectWord("level");
            name = "transaction_isolation";
        } else if (c.peekWord("session") && c.peekAheadWord(1, "authorization")) {
            c.next();
            c.next();
            name = "session_authorization";
        } else {
            name = parameterName(c);
        }
        c.expectEnd();
        String value = parameters.get(name);
        if (value == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name.toLowerCase(Locale.ROOT) + "\"");
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return QueryResult.rows(List.of(Column.of(parameters.displayName(name), PgType.TEXT)), rows).withTag("SHOW");
    }

    /** Runs a RESET statement. */
    QueryResult reset(String sql) {
        Cursor c = new Cursor(SqlLexer.tokenize(sql));
        c.expectWord("reset");
        if (c.acceptWord("all")) {
            parameters.resetAll();
        } else if (c.peekWord("time") && c.peekAheadWord(1, "zone")) {
            c.next();
            c.next();
            parameters.reset("TimeZone");
        } else if (c.peekWord("session") && c.peekAheadWord(1, "authorization")) {
            c.next();
            c.next();
            parameters.reset("session_authorization");
        } else if (c.peekWord("transaction") && c.peekAheadWord(1, "isolation")) {
            c.next();
            c.next();
            c.expectWord("level");
            parameters.reset("transaction_isolation");
        } else {
            parameters.reset(parameterName(c));
        }
        c.expectEnd();
        return QueryResult.command("RESET");
    }

    /** A parameter name: an identifier, possibly dotted (custom parameters such as {@code myapp.tenant}). */
    private static String parameterName(Cursor c) {
        StringBuilder name = new StringBuilder(c.identifier());
        while (c.accept(".")) {
            name.append('.').append(c.identifier());
        }
        return name.toString();
    }

    /** One value: a word, quoted identifier, string or signed number. */
    private static String singleValue(Cursor c) {
        SqlToken t = c.next();
        if (t == null) {
            throw c.syntaxError();
        }
        switch (t.type()) {
            case WORD: case QUOTED_IDENTIFIER: case STRING: case NUMBER:
                return t.text();
            case OPERATOR:
                if (t.text().equals("-") || t.text().equals("+")) {
                    SqlToken n = c.next();
                    if (n != null && n.type() == SqlToken.Type.NUMBER) {
                        return t.text().equals("-") ? "-" + n.text() : n.text();
                    }
                }
                throw c.syntaxErrorAt(t);
            default:
                throw c.syntaxErrorAt(t);
        }
    }

    /** A comma-separated value list, flattened as PostgreSQL does (list parameters quote identifiers as needed). */
    private static String valueList(Cursor c, String name) {
        boolean quoteIdentifiers = name.equalsIgnoreCase("search_path");
        List<String> values = new ArrayList<>();
        do {
            SqlToken first = c.peek();
            String v = singleValue(c);
            if (quoteIdentifiers && first != null && first.type() != SqlToken.Type.NUMBER) {
                v = quoteIdentifier(v);
            }
            values.add(v);
        } while (c.accept(","));
        return String.join(", ", values);
    }

    private static String quoteIdentifier(String v) {
        if (v.matches("[a-z_][a-z0-9_$]*")) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** A position in a token list with PostgreSQL-worded syntax errors. */
    static final class Cursor {
        final List<SqlToken> tokens;
        int pos;

        Cursor(List<SqlToken> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return pos >= tokens.size();
        }

        SqlToken peek() {
            return atEnd() ? null : tokens.get(pos);
        }

        SqlToken next() {
            return atEnd() ? null : tokens.get(pos++);
        }

        boolean peekWord(String word) {
            SqlToken t = peek();
            return t != null && t.isWord(word);
        }

        boolean peekAheadWord(int ahead, String word) {
            return pos + ahead < tokens.size() && tokens.get(pos + ahead).isWord(word);
        }

        boolean peekAhead(int ahead, String symbol) {
            return pos + ahead < tokens.size() && tokens.get(pos + ahead).is(symbol);
        }

        boolean acceptWord(String word) {
            if (peekWord(word)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean accept(String symbol) {
            SqlToken t = peek();
            if (t != null && t.is(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        void expectWord(String word) {
            if (!acceptWord(word)) {
                throw syntaxError();
            }
        }

        String identifier() {
            SqlToken t = next();
            if (t == null || (t.type() != SqlToken.Type.WORD && t.type() != SqlToken.Type.QUOTED_IDENTIFIER)) {
                pos--;
                throw syntaxError();
            }
            return t.text();
        }

        void expectEnd() {
            if (!atEnd()) {
                throw syntaxError();
            }
        }

        PgException syntaxError() {
            SqlToken t = peek();
            if (t == null) {
                return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
            }
            return syntaxErrorAt(t);
        }

        PgException syntaxErrorAt(SqlToken t) {
            return PgException.builder(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"")
                    .position(t.offset() + 1).build();
        }
    }
}
