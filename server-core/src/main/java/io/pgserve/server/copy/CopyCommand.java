package io.pgserve.server.copy;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlParseException;
import io.pgserve.sql.SqlToken;
import io.pgserve.sql.internal.grammar.PostgreSqlKeywords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed {@code COPY} statement, as PostgreSQL 15's grammar (gram.y, CopyStmt) and option checks (copy.c) accept
 * it: {@code COPY table [(col, ...)] FROM STDIN | TO STDOUT [[WITH] (option [, ...])] [WHERE ...]},
 * {@code COPY (query) TO STDOUT ...}, and the legacy forms ({@code COPY BINARY t ...},
 * {@code WITH CSV HEADER QUOTE AS '"' FORCE QUOTE *}, {@code USING DELIMITERS '|'}, ...).
 *
 * <pre>{@code
 * CopyCommand cmd = CopyCommand.parse("COPY public.users (id, name) FROM STDIN WITH (FORMAT csv, HEADER match)");
 * cmd.schema();            // "public"
 * cmd.table();             // "users"
 * cmd.columns();           // [id, name]
 * cmd.isFrom();            // true
 * cmd.options().format();  // CSV
 * cmd.options().header();  // MATCH
 * }</pre>
 *
 * Errors are PostgreSQL's: {@code 42601 syntax error at or near "x"} (with its position), {@code 42601 option "x"
 * not recognized}, {@code 42601 conflicting or redundant options}, {@code 0A000 COPY delimiter must be a single
 * one-byte character}, {@code 42501 must be superuser or have privileges of the pg_write_server_files role to COPY
 * to a file} for a file name and likewise for PROGRAM (a server has no business reading its own files for a client).
 * The one difference: an {@code ENCODING} other than UTF8 is rejected with {@code 0A000}, since this layer does no
 * conversion.
 *
 * @param tableName   the relation's qualified name, case-folded unless quoted ([catalog, [schema,]] table); empty
 *                    for {@code COPY (query)}
 * @param columns     the column list, empty when none was given (meaning every column)
 * @param query       for {@code COPY (query) TO}: the query's text as written; else null
 * @param direction   FROM (COPY FROM STDIN, the client sends data) or TO (COPY TO STDOUT)
 * @param target      the keyword written, STDIN or STDOUT (PostgreSQL accepts either in either direction)
 * @param options     the options, defaults applied and checked
 * @param whereClause for {@code COPY ... FROM ... WHERE cond}: the condition's text; else null
 */
public record CopyCommand(List<String> tableName, List<String> columns, String query, Direction direction,
                          Target target, CopyOptions options, String whereClause) {

    /** Data direction. */
    public enum Direction { FROM, TO }

    /** The pipe keyword written. */
    public enum Target { STDIN, STDOUT }

    public CopyCommand {
        tableName = List.copyOf(tableName);
        columns = List.copyOf(columns);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
    }

    /** Whether this is COPY FROM (the client sends rows). */
    public boolean isFrom() {
        return direction == Direction.FROM;
    }

    /** The unqualified table name (the last part of {@link #tableName}), or null for {@code COPY (query)}. */
    public String table() {
        return tableName.isEmpty() ? null : tableName.get(tableName.size() - 1);
    }

    /** The schema name when the table name was qualified, else null. */
    public String schema() {
        return tableName.size() < 2 ? null : tableName.get(tableName.size() - 2);
    }

    /**
     * Parses a COPY statement (one trailing semicolon allowed).
     *
     * @throws PgException with PostgreSQL's SQLSTATE, message and position for what PostgreSQL rejects
     */
    public static CopyCommand parse(String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (SqlParseException e) {
            throw PgException.builder(e.sqlState(), e.getMessage()).position(e.position()).build();
        }
        return new Parser(sql, tokens).parse();
    }

    /** An option as gram.y makes it (a DefElem): its name, argument and location. */
    record Def(String name, Object arg, int position) {
    }

    /** The argument {@code *}. */
    enum Star { STAR }

    /** A floating-point constant argument, as written. */
    record FloatArg(String text) {
    }

    private static final class Parser {
        private final String sql;
        private final List<SqlToken> tokens;
        private int i;

        Parser(String sql, List<SqlToken> tokens) {
            this.sql = sql;
            this.tokens = new ArrayList<>(tokens);
            int n = this.tokens.size();
            if (n > 0 && this.tokens.get(n - 1).is(";")) {
                this.tokens.remove(n - 1);
            }
        }

        CopyCommand parse() {
            expectWord("copy");
            List<Def> defs = new ArrayList<>();
            List<String> name = new ArrayList<>();
            List<String> cols = new ArrayList<>();
            String query = null;
            Direction direction;
            boolean program = false;
            String fileName = null;
            Target target = null;
            String where = null;
            int wherePos = 0;
            if (peekIs("(")) {
                SqlToken open = next();
                SqlToken first = peek();
                if (first == null || !(first.is("(") || first.isWord("select") || first.isWord("with")
                        || first.isWord("values") || first.isWord("table") || first.isWord("insert")
                        || first.isWord("update") || first.isWord("delete") || first.isWord("merge"))) {
                    throw syntaxError(first);
                }
                int depth = 1;
                SqlToken close = null;
                while (peek() != null) {
                    SqlToken t = next();
                    if (t.is("(")) {
                        depth++;
                    } else if (t.is(")") && --depth == 0) {
                        close = t;
                        break;
                    }
                }
                if (close == null) {
                    throw syntaxError(null);
                }
                query = sql.substring(open.offset() + 1, close.offset()).strip();
                if (!peekWord("to")) {
                    throw syntaxError(peek());
                }
                next();
                direction = Direction.TO;
            } else {
                if (peekWord("binary")) {
                    defs.add(new Def("format", "binary", peek().offset() + 1));
                    next();
                }
                name.add(colId());
                while (peekIs(".") && name.size() < 3) {
                    next();
                    name.add(colLabel());
                }
                if (peekIs("(")) {
                    next();
                    cols.add(colId());
                    while (peekIs(",")) {
                        next();
                        cols.add(colId());
                    }
                    expect(")");
                }
                if (peekWord("from")) {
                    direction = Direction.FROM;
                } else if (peekWord("to")) {
                    direction = Direction.TO;
                } else {
                    throw syntaxError(peek());
                }
                next();
            }
            if (peekWord("program")) {
                next();
                program = true;
            }
            SqlToken file = peek();
            if (file != null && file.type() == SqlToken.Type.STRING) {
                fileName = file.text();
            } else if (file != null && file.isWord("stdin")) {
                target = Target.STDIN;
            } else if (file != null && file.isWord("stdout")) {
                target = Target.STDOUT;
            } else {
                throw syntaxError(file);
            }
            next();
            if (query == null) {
                // copy_delimiter: [USING] DELIMITERS 'x'
                if (peekWord("using") || peekWord("delimiters")) {
                    if (peekWord("using")) {
                        next();
                        if (!peekWord("delimiters")) {
                            throw syntaxError(peek());
                        }
                    }
                    int pos = next().offset() + 1;
                    defs.add(new Def("delimiter", expectString(), pos));
                }
            }
            if (peekWord("with")) {
                next();
            }
            if (peekIs("(")) {
                genericOptions(defs);
            } else {
                legacyOptions(defs);
            }
            if (query == null && peekWord("where")) {
                SqlToken w = next();
                wherePos = w.offset() + 1;
                if (peek() == null) {
                    throw syntaxError(null);
                }
                int end = tokens.isEmpty() ? sql.length() : endOf(tokens.size() - 1);
                where = sql.substring(peek().offset(), end).strip();
                i = tokens.size();
            }
            if (peek() != null) {
                throw syntaxError(peek());
            }
            if (program && fileName == null) {
                throw new PgException(SqlState.SYNTAX_ERROR, "STDIN/STDOUT not allowed with PROGRAM");
            }
            if (direction == Direction.TO && where != null) {
                throw PgException.builder(SqlState.SYNTAX_ERROR, "WHERE clause not allowed with COPY TO")
                        .position(wherePos).build();
            }
            if (fileName != null) {
                String hint = "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.";
                String message = program
                        ? "must be superuser or have privileges of the pg_execute_server_program role to COPY to or "
                        + "from an external program"
                        : direction == Direction.FROM
                        ? "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"
                        : "must be superuser or have privileges of the pg_write_server_files role to COPY to a file";
                throw PgException.builder(SqlState.INSUFFICIENT_PRIVILEGE, message).hint(hint).build();
            }
            CopyOptions options = OptionProcessor.process(defs, direction == Direction.FROM);
            return new CopyCommand(name, cols, query, direction, target, options, where);
        }

        private void genericOptions(List<Def> defs) {
            expect("(");
            do {
                SqlToken nameToken = peek();
                String optName = colLabel();
                defs.add(new Def(optName, genericArg(), nameToken.offset() + 1));
            } while (peekIs(",") && next() != null);
            expect(")");
        }

        private Object genericArg() {
            SqlToken t = peek();
            if (t == null || t.is(",") || t.is(")")) {
                return null;
            }
            if (t.is("*")) {
                next();
                return Star.STAR;
            }
            if (t.is("+") || t.is("-")) {
                next();
                SqlToken n = peek();
                if (n == null || n.type() != SqlToken.Type.NUMBER) {
                    throw syntaxError(n);
                }
                next();
                return number((t.is("-") ? "-" : "") + n.text());
            }
            if (t.type() == SqlToken.Type.NUMBER) {
                next();
                return number(t.text());
            }
            if (t.is("(")) {
                next();
                List<String> list = new ArrayList<>();
                list.add(booleanOrString());
                while (peekIs(",")) {
                    next();
                    list.add(booleanOrString());
                }
                expect(")");
                return list;
            }
            return booleanOrString();
        }

        private static Object number(String text) {
            if (text.matches("-?\\d+")) {
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    return new FloatArg(text);
                }
            }
            return new FloatArg(text);
        }

        /** opt_boolean_or_string: TRUE, FALSE, ON, a non-reserved word or a string constant. */
        private String booleanOrString() {
            SqlToken t = peek();
            if (t != null && (t.type() == SqlToken.Type.STRING || t.type() == SqlToken.Type.QUOTED_IDENTIFIER)) {
                next();
                return t.text();
            }
            if (t != null && t.type() == SqlToken.Type.WORD) {
                if (t.isWord("true") || t.isWord("false") || t.isWord("on") || !isReserved(t)) {
                    next();
                    return t.text();
                }
            }
            throw syntaxError(t);
        }

        private void legacyOptions(List<Def> defs) {
            while (true) {
                SqlToken t = peek();
                if (t == null || t.type() != SqlToken.Type.WORD) {
                    return;
                }
                int pos = t.offset() + 1;
                switch (t.text()) {
                    case "binary" -> {
                        next();
                        defs.add(new Def("format", "binary", pos));
                    }
                    case "csv" -> {
                        next();
                        defs.add(new Def("format", "csv", pos));
                    }
                    case "freeze" -> {
                        next();
                        defs.add(new Def("freeze", Boolean.TRUE, pos));
                    }
                    case "header" -> {
                        next();
                        defs.add(new Def("header", Boolean.TRUE, pos));
                    }
                    case "delimiter", "null", "quote", "escape" -> {
                        next();
                        if (peekWord("as")) {
                            next();
                        }
                        defs.add(new Def(t.text(), expectString(), pos));
                    }
                    case "encoding" -> {
                        next();
                        defs.add(new Def("encoding", expectString(), pos));
                    }
                    case "force" -> {
                        next();
                        if (peekWord("quote")) {
                            next();
                            if (peekIs("*")) {
                                next();
                                defs.add(new Def("force_quote", Star.STAR, pos));
                            } else {
                                defs.add(new Def("force_quote", columnList(), pos));
                            }
                        } else if (peekWord("not")) {
                            next();
                            if (!peekWord("null")) {
                                throw syntaxError(peek());
                            }
                            next();
                            defs.add(new Def("force_not_null", columnList(), pos));
                        } else if (peekWord("null")) {
                            next();
                            defs.add(new Def("force_null", columnList(), pos));
                        } else {
                            throw syntaxError(peek());
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
        }

        private List<String> columnList() {
            List<String> list = new ArrayList<>();
            list.add(colId());
            while (peekIs(",")) {
                next();
                list.add(colId());
            }
            return list;
        }

        /** ColId: an identifier or a keyword that is neither reserved nor a type/function name. */
        private String colId() {
            SqlToken t = peek();
            if (t != null && t.type() == SqlToken.Type.QUOTED_IDENTIFIER) {
                next();
                return t.text();
            }
            if (t != null && t.type() == SqlToken.Type.WORD) {
                PostgreSqlKeywords.Keyword k = PostgreSqlKeywords.lookup(t.text());
                if (k == null || k.category() == PostgreSqlKeywords.Category.UNRESERVED
                        || k.category() == PostgreSqlKeywords.Category.COL_NAME) {
                    next();
                    return t.text();
                }
            }
            throw syntaxError(t);
        }

        /** ColLabel: any identifier or keyword. */
        private String colLabel() {
            SqlToken t = peek();
            if (t != null && (t.type() == SqlToken.Type.WORD || t.type() == SqlToken.Type.QUOTED_IDENTIFIER)) {
                next();
                return t.text();
            }
            throw syntaxError(t);
        }

        private static boolean isReserved(SqlToken t) {
            PostgreSqlKeywords.Keyword k = PostgreSqlKeywords.lookup(t.text());
            return k != null && k.category() == PostgreSqlKeywords.Category.RESERVED;
        }

        private String expectString() {
            SqlToken t = peek();
            if (t == null || t.type() != SqlToken.Type.STRING) {
                throw syntaxError(t);
            }
            next();
            return t.text();
        }

        private void expectWord(String word) {
            if (!peekWord(word)) {
                throw syntaxError(peek());
            }
            next();
        }

        private void expect(String symbol) {
            if (!peekIs(symbol)) {
                throw syntaxError(peek());
            }
            next();
        }

        private SqlToken peek() {
            return i < tokens.size() ? tokens.get(i) : null;
        }

        private SqlToken next() {
            return tokens.get(i++);
        }

        private boolean peekIs(String symbol) {
            SqlToken t = peek();
            return t != null && t.is(symbol);
        }

        private boolean peekWord(String word) {
            SqlToken t = peek();
            return t != null && t.isWord(word);
        }

        /** The end offset of token {@code k} in the text (the next token's start, less whitespace). */
        private int endOf(int k) {
            int end = k + 1 < tokens.size() ? tokens.get(k + 1).offset() : sql.length();
            while (end > tokens.get(k).offset() + 1 && Character.isWhitespace(sql.charAt(end - 1))) {
                end--;
            }
            if (k + 1 >= tokens.size()) {
                String tail = sql.substring(tokens.get(k).offset(), end);
                if (tail.endsWith(";") && tail.length() > 1) {
                    end--;
                    while (end > tokens.get(k).offset() + 1 && Character.isWhitespace(sql.charAt(end - 1))) {
                        end--;
                    }
                }
            }
            return end;
        }

        private PgException syntaxError(SqlToken t) {
            if (t == null) {
                return PgException.builder(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                        .position(sql.stripTrailing().length() + 1).build();
            }
            int k = tokens.indexOf(t);
            String text = sql.substring(t.offset(), endOf(k));
            return PgException.builder(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + text + "\"")
                    .position(t.offset() + 1).build();
        }
    }

    /** copy.c's ProcessCopyOptions. */
    static final class OptionProcessor {
        private static final Set<String> ENCODINGS = Set.of("abc", "alt", "big5", "euccn", "eucjis2004", "eucjp",
                "euckr", "euctw", "gb18030", "gbk", "iso88591", "iso885910", "iso885913", "iso885914", "iso885915",
                "iso885916", "iso88592", "iso88593", "iso88594", "iso88595", "iso88596", "iso88597", "iso88598",
                "iso88599", "johab", "koi8", "koi8r", "koi8u", "latin1", "latin10", "latin2", "latin3", "latin4",
                "latin5", "latin6", "latin7", "latin8", "latin9", "mskanji", "muleinternal", "shiftjis",
                "shiftjis2004", "sjis", "sqlascii", "tcvn", "tcvn5712", "uhc", "unicode", "utf8", "vscii", "win",
                "win1250", "win1251", "win1252", "win1253", "win1254", "win1255", "win1256", "win1257", "win1258",
                "win866", "win874", "win932", "win936", "win949", "win950", "windows1250", "windows1251",
                "windows1252", "windows1253", "windows1254", "windows1255", "windows1256", "windows1257",
                "windows1258", "windows866", "windows874", "windows932", "windows936", "windows949", "windows950");

        private OptionProcessor() {
        }

        static CopyOptions process(List<Def> defs, boolean isFrom) {
            boolean formatSpecified = false;
            boolean freezeSpecified = false;
            boolean headerSpecified = false;
            CopyOptions.Format format = CopyOptions.Format.TEXT;
            boolean freeze = false;
            CopyOptions.Header header = CopyOptions.Header.FALSE;
            String delim = null;
            String nullPrint = null;
            String quote = null;
            String escape = null;
            List<String> forceQuote = null;
            boolean forceQuoteAll = false;
            List<String> forceNotNull = null;
            List<String> forceNull = null;
            boolean convertSelectively = false;
            String encoding = null;
            for (Def d : defs) {
                switch (d.name()) {
                    case "format" -> {
                        if (formatSpecified) {
                            throw conflicting(d);
                        }
                        formatSpecified = true;
                        String f = string(d);
                        switch (f) {
                            case "text" -> format = CopyOptions.Format.TEXT;
                            case "csv" -> format = CopyOptions.Format.CSV;
                            case "binary" -> format = CopyOptions.Format.BINARY;
                            default -> throw PgException.builder(SqlState.INVALID_PARAMETER_VALUE,
                                    "COPY format \"" + f + "\" not recognized").position(d.position()).build();
                        }
                    }
                    case "freeze" -> {
                        if (freezeSpecified) {
                            throw conflicting(d);
                        }
                        freezeSpecified = true;
                        freeze = bool(d);
                    }
                    case "delimiter" -> {
                        if (delim != null) {
                            throw conflicting(d);
                        }
                        delim = string(d);
                    }
                    case "null" -> {
                        if (nullPrint != null) {
                            throw conflicting(d);
                        }
                        nullPrint = string(d);
                    }
                    case "header" -> {
                        if (headerSpecified) {
                            throw conflicting(d);
                        }
                        headerSpecified = true;
                        header = headerChoice(d, isFrom);
                    }
                    case "quote" -> {
                        if (quote != null) {
                            throw conflicting(d);
                        }
                        quote = string(d);
                    }
                    case "escape" -> {
                        if (escape != null) {
                            throw conflicting(d);
                        }
                        escape = string(d);
                    }
                    case "force_quote" -> {
                        if (forceQuote != null || forceQuoteAll) {
                            throw conflicting(d);
                        }
                        if (d.arg() == Star.STAR) {
                            forceQuoteAll = true;
                        } else {
                            forceQuote = columnList(d);
                        }
                    }
                    case "force_not_null" -> {
                        if (forceNotNull != null) {
                            throw conflicting(d);
                        }
                        forceNotNull = columnList(d);
                    }
                    case "force_null" -> {
                        if (forceNull != null) {
                            throw conflicting(d);
                        }
                        forceNull = columnList(d);
                    }
                    case "convert_selectively" -> {
                        if (convertSelectively) {
                            throw conflicting(d);
                        }
                        convertSelectively = true;
                        columnList(d);
                    }
                    case "encoding" -> {
                        if (encoding != null) {
                            throw conflicting(d);
                        }
                        String e = string(d);
                        String clean = e.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                        if (!ENCODINGS.contains(clean)) {
                            throw PgException.builder(SqlState.INVALID_PARAMETER_VALUE,
                                    "argument to option \"" + d.name() + "\" must be a valid encoding name")
                                    .position(d.position()).build();
                        }
                        if (!clean.equals("utf8") && !clean.equals("unicode")) {
                            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                                    "COPY encoding \"" + e + "\" is not supported: only UTF8 is");
                        }
                        encoding = "UTF8";
                    }
                    default -> throw PgException.builder(SqlState.SYNTAX_ERROR,
                            "option \"" + d.name() + "\" not recognized").position(d.position()).build();
                }
            }
            boolean binary = format == CopyOptions.Format.BINARY;
            boolean csv = format == CopyOptions.Format.CSV;
            if (binary && delim != null) {
                throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
            }
            if (binary && nullPrint != null) {
                throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify NULL in BINARY mode");
            }
            if (delim == null) {
                delim = csv ? "," : "\t";
            }
            if (nullPrint == null) {
                nullPrint = csv ? "" : "\\N";
            }
            if (csv) {
                if (quote == null) {
                    quote = "\"";
                }
                if (escape == null) {
                    escape = quote;
                }
            }
            if (byteLength(delim) != 1) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY delimiter must be a single one-byte character");
            }
            if (delim.indexOf('\r') >= 0 || delim.indexOf('\n') >= 0) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                        "COPY delimiter cannot be newline or carriage return");
            }
            if (nullPrint.indexOf('\r') >= 0 || nullPrint.indexOf('\n') >= 0) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                        "COPY null representation cannot use newline or carriage return");
            }
            if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(delim.charAt(0)) >= 0) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be \"" + delim + "\"");
            }
            if (binary && header != CopyOptions.Header.FALSE) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot specify HEADER in BINARY mode");
            }
            if (!csv && quote != null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
            }
            if (csv && byteLength(quote) != 1) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote must be a single one-byte character");
            }
            if (csv && delim.charAt(0) == quote.charAt(0)) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
            }
            if (!csv && escape != null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
            }
            if (csv && byteLength(escape) != 1) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY escape must be a single one-byte character");
            }
            if (!csv && (forceQuote != null || forceQuoteAll)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote available only in CSV mode");
            }
            if ((forceQuote != null || forceQuoteAll) && isFrom) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY force quote only available using COPY TO");
            }
            if (!csv && forceNotNull != null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY force not null available only in CSV mode");
            }
            if (forceNotNull != null && !isFrom) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY force not null only available using COPY FROM");
            }
            if (!csv && forceNull != null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null available only in CSV mode");
            }
            if (forceNull != null && !isFrom) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY force null only available using COPY FROM");
            }
            if (nullPrint.indexOf(delim.charAt(0)) >= 0) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY delimiter must not appear in the NULL specification");
            }
            if (csv && nullPrint.indexOf(quote.charAt(0)) >= 0) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "CSV quote character must not appear in the NULL specification");
            }
            char q = quote == null ? '"' : quote.charAt(0);
            char e = escape == null ? q : escape.charAt(0);
            return new CopyOptions(format, delim.charAt(0), nullPrint, header, q, e, forceQuoteAll,
                    forceQuote == null ? List.of() : forceQuote, forceNotNull == null ? List.of() : forceNotNull,
                    forceNull == null ? List.of() : forceNull, "UTF8", freeze);
        }

        private static int byteLength(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }

        private static PgException conflicting(Def d) {
            return PgException.builder(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                    .position(d.position()).build();
        }

        /** defGetString. */
        static String string(Def d) {
            Object arg = d.arg();
            if (arg == null) {
                throw new PgException(SqlState.SYNTAX_ERROR, d.name() + " requires a parameter");
            }
            if (arg instanceof String s) {
                return s;
            }
            if (arg instanceof Integer n) {
                return n.toString();
            }
            if (arg instanceof FloatArg f) {
                return f.text();
            }
            if (arg instanceof Boolean b) {
                return b ? "true" : "false";
            }
            if (arg == Star.STAR) {
                return "*";
            }
            if (arg instanceof List<?> list) {
                StringBuilder sb = new StringBuilder();
                for (Object o : list) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(quoteIdentifier((String) o));
                }
                return sb.toString();
            }
            throw new IllegalStateException(String.valueOf(arg));
        }

        private static String quoteIdentifier(String s) {
            boolean safe = !s.isEmpty() && (s.charAt(0) == '_' || (s.charAt(0) >= 'a' && s.charAt(0) <= 'z'));
            for (int k = 0; safe && k < s.length(); k++) {
                char c = s.charAt(k);
                safe = c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            }
            PostgreSqlKeywords.Keyword kw = PostgreSqlKeywords.lookup(s);
            if (safe && (kw == null || kw.category() == PostgreSqlKeywords.Category.UNRESERVED)) {
                return s;
            }
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }

        /** defGetBoolean. */
        private static boolean bool(Def d) {
            Object arg = d.arg();
            if (arg == null) {
                return true;
            }
            if (arg instanceof Integer n) {
                if (n == 0) {
                    return false;
                }
                if (n == 1) {
                    return true;
                }
            } else {
                String s = string(d).toLowerCase(Locale.ROOT);
                switch (s) {
                    case "true", "on" -> {
                        return true;
                    }
                    case "false", "off" -> {
                        return false;
                    }
                    default -> {
                    }
                }
            }
            throw new PgException(SqlState.SYNTAX_ERROR, d.name() + " requires a Boolean value");
        }

        /** defGetCopyHeaderChoice. */
        private static CopyOptions.Header headerChoice(Def d, boolean isFrom) {
            Object arg = d.arg();
            if (arg == null) {
                return CopyOptions.Header.TRUE;
            }
            if (arg instanceof Integer n) {
                if (n == 0) {
                    return CopyOptions.Header.FALSE;
                }
                if (n == 1) {
                    return CopyOptions.Header.TRUE;
                }
            } else {
                String s = string(d);
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "on" -> {
                        return CopyOptions.Header.TRUE;
                    }
                    case "false", "off" -> {
                        return CopyOptions.Header.FALSE;
                    }
                    case "match" -> {
                        if (!isFrom) {
                            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                                    "cannot use \"" + s + "\" with HEADER in COPY TO");
                        }
                        return CopyOptions.Header.MATCH;
                    }
                    default -> {
                    }
                }
            }
            throw new PgException(SqlState.SYNTAX_ERROR, d.name() + " requires a Boolean value or \"match\"");
        }

        private static List<String> columnList(Def d) {
            if (d.arg() instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    out.add((String) o);
                }
                return out;
            }
            throw PgException.builder(SqlState.INVALID_PARAMETER_VALUE,
                    "argument to option \"" + d.name() + "\" must be a list of column names")
                    .position(d.position()).build();
        }
    }
}
