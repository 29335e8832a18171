package io.pgserve.server.internal.session;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SQL-level prepared-statement and cursor statements the session serves: PREPARE, EXECUTE, DEALLOCATE,
 * DECLARE, FETCH, MOVE and CLOSE, following PostgreSQL's grammar (PrepareStmt, ExecuteStmt, DeallocateStmt,
 * DeclareCursorStmt, FetchStmt, ClosePortalStmt).
 */
final class SqlCommands {
    private SqlCommands() {
    }

    /** PREPARE name [(type, ...)] AS statement. */
    record Prepare(String name, List<PgType> types, String statement) {
    }

    /** EXECUTE name [(argument, ...)]: each argument as the text of a literal, or null. */
    record Execute(String name, List<String> arguments) {
    }

    /** DEALLOCATE [PREPARE] name | ALL: name null for ALL. */
    record Deallocate(String name) {
    }

    /** DECLARE name [BINARY] [INSENSITIVE] [[NO] SCROLL] CURSOR [WITH[OUT] HOLD] FOR query. */
    record Declare(String name, boolean binary, boolean scroll, boolean hold, String query) {
    }

    /** How far a FETCH or MOVE goes. */
    enum Direction { NEXT, PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE, FORWARD, BACKWARD }

    /**
     * FETCH/MOVE [direction] [FROM | IN] name. {@code count} is the row count or position (FORWARD/BACKWARD/
     * ABSOLUTE/RELATIVE); {@link Long#MAX_VALUE} for ALL.
     */
    record Fetch(String cursor, Direction direction, long count) {
    }

    /** CLOSE name | ALL: name null for ALL. */
    record Close(String name) {
    }

    static Prepare prepare(String sql, TypeRegistry registry) {
        List<SqlToken> t = SqlLexer.tokenize(sql);
        SessionCommands.Cursor c = new SessionCommands.Cursor(t);
        c.expectWord("prepare");
        String name = c.identifier();
        List<PgType> types = new ArrayList<>();
        if (c.accept("(")) {
            do {
                StringBuilder typeName = new StringBuilder();
                int depth = 0;
                while (!c.atEnd() && !(depth == 0 && (c.peek().is(",") || c.peek().is(")")))) {
                    SqlToken tok = c.next();
                    depth += tok.is("(") ? 1 : tok.is(")") ? -1 : 0;
                    if (typeName.length() > 0 && tok.type() == SqlToken.Type.WORD
                            && !typeName.toString().endsWith(".")) {
                        typeName.append(' ');
                    }
                    typeName.append(tok.type() == SqlToken.Type.QUOTED_IDENTIFIER ? "\"" + tok.text() + "\""
                            : tok.text());
                }
                String n = typeName.toString();
                types.add(registry.byName(n).orElseThrow(() -> new PgException(SqlState.UNDEFINED_OBJECT,
                        "type \"" + n + "\" does not exist")));
            } while (c.accept(","));
            if (!c.accept(")")) {
                throw c.syntaxError();
            }
        }
        c.expectWord("as");
        SqlToken first = c.peek();
        if (first == null) {
            throw c.syntaxError();
        }
        return new Prepare(name, types, sql.substring(first.offset()));
    }

    static Execute execute(String sql) {
        List<SqlToken> t = SqlLexer.tokenize(sql);
        SessionCommands.Cursor c = new SessionCommands.Cursor(t);
        c.expectWord("execute");
        String name = c.identifier();
        List<String> args = new ArrayList<>();
        if (c.accept("(")) {
            do {
                args.add(literal(c));
                if (c.accept("::")) {
                    while (!c.atEnd() && !c.peek().is(",") && !c.peek().is(")")) {
                        c.next(); // the cast's type: the parameter's own type decides the conversion
                    }
                }
            } while (c.accept(","));
            if (!c.accept(")")) {
                throw c.syntaxError();
            }
        }
        c.expectEnd();
        return new Execute(name, args);
    }

    /** A literal argument as its text: strings, signed numbers, TRUE/FALSE, NULL (null). */
    private static String literal(SessionCommands.Cursor c) {
        SqlToken tok = c.next();
        if (tok == null) {
            throw c.syntaxError();
        }
        if (tok.type() == SqlToken.Type.STRING || tok.type() == SqlToken.Type.NUMBER) {
            return tok.text();
        }
        if ((tok.is("-") || tok.is("+")) && c.peek() != null && c.peek().type() == SqlToken.Type.NUMBER) {
            return (tok.is("-") ? "-" : "") + c.next().text();
        }
        if (tok.isWord("null")) {
            return null;
        }
        if (tok.isWord("true") || tok.isWord("false")) {
            return tok.text();
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                "EXECUTE arguments must be constants here, not \"" + tok.text() + "\"");
    }

    static Deallocate deallocate(String sql) {
        SessionCommands.Cursor c = new SessionCommands.Cursor(SqlLexer.tokenize(sql));
        c.expectWord("deallocate");
        c.acceptWord("prepare");
        if (c.acceptWord("all")) {
            c.expectEnd();
            return new Deallocate(null);
        }
        String name = c.identifier();
        c.expectEnd();
        return new Deallocate(name);
    }

    static Declare declare(String sql) {
        SessionCommands.Cursor c = new SessionCommands.Cursor(SqlLexer.tokenize(sql));
        c.expectWord("declare");
        String name = c.identifier();
        boolean binary = false;
        boolean scroll = false;
        while (!c.peekWord("cursor")) {
            if (c.acceptWord("binary")) {
                binary = true;
            } else if (c.acceptWord("insensitive") || c.acceptWord("asensitive")) {
                continue;
            } else if (c.acceptWord("scroll")) {
                scroll = true;
            } else if (c.acceptWord("no")) {
                c.expectWord("scroll");
                scroll = false;
            } else {
                throw c.syntaxError();
            }
        }
        c.expectWord("cursor");
        boolean hold = false;
        if (c.acceptWord("with")) {
            c.expectWord("hold");
            hold = true;
        } else if (c.acceptWord("without")) {
            c.expectWord("hold");
        }
        c.expectWord("for");
        SqlToken first = c.peek();
        if (first == null) {
            throw c.syntaxError();
        }
        return new Declare(name, binary, scroll, hold, sql.substring(first.offset()));
    }

    static Fetch fetch(String sql) {
        SessionCommands.Cursor c = new SessionCommands.Cursor(SqlLexer.tokenize(sql));
        c.next(); // FETCH or MOVE
        Direction direction = Direction.FORWARD;
        long count = 1;
        if (c.acceptWord("next")) {
            direction = Direction.NEXT;
        } else if (c.acceptWord("prior")) {
            direction = Direction.PRIOR;
        } else if (c.acceptWord("first")) {
            direction = Direction.FIRST;
        } else if (c.acceptWord("last")) {
            direction = Direction.LAST;
        } else if (c.acceptWord("absolute")) {
            direction = Direction.ABSOLUTE;
            count = signedCount(c);
        } else if (c.acceptWord("relative")) {
            direction = Direction.RELATIVE;
            count = signedCount(c);
        } else if (c.acceptWord("all")) {
            count = Long.MAX_VALUE;
        } else if (c.acceptWord("forward") || c.peekWord("backward")) {
            if (c.acceptWord("backward")) {
                direction = Direction.BACKWARD;
            }
            if (c.acceptWord("all")) {
                count = Long.MAX_VALUE;
            } else if (c.peek() != null && (c.peek().type() == SqlToken.Type.NUMBER || c.peek().is("-")
                    || c.peek().is("+"))) {
                count = signedCount(c);
            }
        } else if (c.peek() != null && (c.peek().type() == SqlToken.Type.NUMBER || c.peek().is("-")
                || c.peek().is("+"))) {
            count = signedCount(c);
        }
        if (!c.acceptWord("from")) {
            c.acceptWord("in");
        }
        String name = c.identifier();
        c.expectEnd();
        if (count < 0 && (direction == Direction.FORWARD || direction == Direction.BACKWARD)) {
            // FETCH -5 is FETCH BACKWARD 5 (and BACKWARD -5 is FORWARD 5).
            direction = direction == Direction.FORWARD ? Direction.BACKWARD : Direction.FORWARD;
            count = -count;
        }
        return new Fetch(name, direction, count);
    }

    private static long signedCount(SessionCommands.Cursor c) {
        boolean negative = c.accept("-");
        if (!negative) {
            c.accept("+");
        }
        SqlToken n = c.next();
        if (n == null || n.type() != SqlToken.Type.NUMBER) {
            throw n == null ? c.syntaxError() : c.syntaxErrorAt(n);
        }
        long v = Long.parseLong(n.text());
        return negative ? -v : v;
    }

    static Close close(String sql) {
        SessionCommands.Cursor c = new SessionCommands.Cursor(SqlLexer.tokenize(sql));
        c.expectWord("close");
        if (c.acceptWord("all")) {
            c.expectEnd();
            return new Close(null);
        }
        String name = c.identifier();
        c.expectEnd();
        return new Close(name);
    }
}
