package io.pgserve.sql.internal.grammar;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.LexerATNSimulator;

/**
 * Superclass of the generated {@code PostgreSqlLexer}: the parts of PostgreSQL's scanner that flex does with
 * {@code yyless()} (giving back part of a match) or with exclusive start states, done after a rule has matched
 * and before its token is created. See the head comment of {@code PostgreSqlLexer.g4}.
 */
public abstract class PostgreSqlLexerBase extends Lexer {

    protected PostgreSqlLexerBase(CharStream input) {
        super(input);
    }

    @Override
    public Token emit() {
        switch (getType()) {
            case PostgreSqlLexer.IDENT:
                keyword();
                break;
            case PostgreSqlLexer.Op:
                operator();
                break;
            case PostgreSqlLexer.BLOCK_COMMENT:
                blockComment();
                break;
            case PostgreSqlLexer.DOLLAR_QUOTE:
                dollarQuotedString();
                break;
            case PostgreSqlLexer.NCHAR_START:
                giveBackTo(1);
                setType(PostgreSqlLexer.NCHAR);
                break;
            case PostgreSqlLexer.ICONST_DOT_DOT:
                giveBackTo(tokenLength() - 2);
                setType(PostgreSqlLexer.ICONST);
                break;
            default:
                break;
        }
        return super.emit();
    }

    /**
     * PostgreSQL's message for an {@code ERR_*} token type (to be followed by {@code at or near "..."}), or
     * {@code null} if the type is not an error.
     */
    public static String errorMessage(int tokenType) {
        switch (tokenType) {
            case PostgreSqlLexer.ERR_UNTERMINATED_STRING: return "unterminated quoted string";
            case PostgreSqlLexer.ERR_UNTERMINATED_QUOTED_IDENT: return "unterminated quoted identifier";
            case PostgreSqlLexer.ERR_UNTERMINATED_COMMENT: return "unterminated /* comment";
            case PostgreSqlLexer.ERR_UNTERMINATED_DOLLAR_STRING: return "unterminated dollar-quoted string";
            case PostgreSqlLexer.ERR_UNTERMINATED_BIT_STRING: return "unterminated bit string literal";
            case PostgreSqlLexer.ERR_UNTERMINATED_HEX_STRING: return "unterminated hexadecimal string literal";
            case PostgreSqlLexer.ERR_ZERO_LENGTH_IDENT: return "zero-length delimited identifier";
            case PostgreSqlLexer.ERR_TRAILING_JUNK: return "trailing junk after numeric literal";
            case PostgreSqlLexer.ERR_PARAM_JUNK: return "trailing junk after parameter";
            case PostgreSqlLexer.ERR_INVALID_HEX_INTEGER: return "invalid hexadecimal integer";
            case PostgreSqlLexer.ERR_INVALID_OCTAL_INTEGER: return "invalid octal integer";
            case PostgreSqlLexer.ERR_INVALID_BINARY_INTEGER: return "invalid binary integer";
            default: return null;
        }
    }

    /** Keywords are matched case-insensitively, but only ASCII letters fold (as in ScanKeywordLookup). */
    private void keyword() {
        int type = PostgreSqlKeywords.tokenType(getText());
        if (type != Token.INVALID_TYPE) {
            setType(type);
        }
    }

    /**
     * The Op rule matched a run of operator characters without a comment start inside; now apply the rest of
     * PostgreSQL's rules: a comment start right after the run ends the operator before it, and a multi-character
     * operator may not end in '+' or '-' unless it contains one of ~ ! @ # ^ & | ` ? % (so that "=-1" is "=", "-",
     * "1", while "@-" and "?-" are operators). What is left may be a "self" character or a two-character token.
     */
    private void operator() {
        String text = getText();
        int n = text.length();
        char last = text.charAt(n - 1);
        int next = _input.LA(1);
        if ((last == '/' && next == '*') || (last == '-' && next == '-')) {
            n--;
        }
        if (n > 1 && (text.charAt(n - 1) == '+' || text.charAt(n - 1) == '-') && !hasNonSqlOperatorChar(text, n)) {
            do {
                n--;
            } while (n > 1 && (text.charAt(n - 1) == '+' || text.charAt(n - 1) == '-'));
        }
        if (n < text.length()) {
            giveBackTo(n);
        }
        if (n == 1) {
            setType(selfCharType(text.charAt(0)));
        } else if (n == 2) {
            setType(twoCharType(text.charAt(0), text.charAt(1)));
        }
    }

    private static boolean hasNonSqlOperatorChar(String text, int n) {
        for (int i = 0; i < n; i++) {
            if ("~!@#^&|`?%".indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int selfCharType(char c) {
        switch (c) {
            case '+': return PostgreSqlLexer.PLUS;
            case '-': return PostgreSqlLexer.MINUS;
            case '*': return PostgreSqlLexer.STAR;
            case '/': return PostgreSqlLexer.SLASH;
            case '%': return PostgreSqlLexer.PERCENT;
            case '^': return PostgreSqlLexer.CARET;
            case '<': return PostgreSqlLexer.LT;
            case '>': return PostgreSqlLexer.GT;
            case '=': return PostgreSqlLexer.EQUAL;
            default: return PostgreSqlLexer.Op;
        }
    }

    private static int twoCharType(char a, char b) {
        if (a == '=' && b == '>') {
            return PostgreSqlLexer.EQUALS_GREATER;
        } else if (a == '<' && b == '=') {
            return PostgreSqlLexer.LESS_EQUALS;
        } else if (a == '>' && b == '=') {
            return PostgreSqlLexer.GREATER_EQUALS;
        } else if ((a == '<' && b == '>') || (a == '!' && b == '=')) {
            return PostgreSqlLexer.NOT_EQUALS;
        }
        return PostgreSqlLexer.Op;
    }

    /**
     * After the opening slash-star: PostgreSQL counts nested slash-star / star-slash pairs, scanning left to right
     * (so in "/*&#47;" the star is not reused to close the comment).
     */
    private void blockComment() {
        LexerATNSimulator sim = getInterpreter();
        int depth = 0;
        while (true) {
            int c = _input.LA(1);
            if (c == CharStream.EOF) {
                setType(PostgreSqlLexer.ERR_UNTERMINATED_COMMENT);
                setChannel(Token.DEFAULT_CHANNEL);
                return;
            }
            if (c == '/' && _input.LA(2) == '*') {
                depth++;
                sim.consume(_input);
            } else if (c == '*' && _input.LA(2) == '/') {
                sim.consume(_input);
                sim.consume(_input);
                if (depth == 0) {
                    return;
                }
                depth--;
                continue;
            }
            sim.consume(_input);
        }
    }

    /**
     * After an opening $tag$: the body is everything up to the first occurrence of the identical $tag$ (case
     * matters), with no escapes at all.
     */
    private void dollarQuotedString() {
        int[] delimiter = getText().codePoints().toArray();
        LexerATNSimulator sim = getInterpreter();
        while (true) {
            int c = _input.LA(1);
            if (c == CharStream.EOF) {
                setType(PostgreSqlLexer.ERR_UNTERMINATED_DOLLAR_STRING);
                return;
            }
            if (c == '$' && lookingAt(delimiter)) {
                for (int i = 0; i < delimiter.length; i++) {
                    sim.consume(_input);
                }
                setType(PostgreSqlLexer.SCONST);
                return;
            }
            sim.consume(_input);
        }
    }

    private boolean lookingAt(int[] codePoints) {
        for (int i = 0; i < codePoints.length; i++) {
            if (_input.LA(i + 1) != codePoints[i]) {
                return false;
            }
        }
        return true;
    }

    private int tokenLength() {
        return _input.index() - _tokenStartCharIndex;
    }

    /**
     * Like flex's yyless(n): keep only the first {@code n} characters of the match and scan the rest again.
     * Only used for matches without line breaks.
     */
    private void giveBackTo(int n) {
        _input.seek(_tokenStartCharIndex + n);
        getInterpreter().setLine(_tokenStartLine);
        getInterpreter().setCharPositionInLine(_tokenStartCharPositionInLine + n);
        _hitEOF = false;
    }
}
