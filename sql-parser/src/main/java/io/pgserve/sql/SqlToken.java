package io.pgserve.sql;

import java.util.Objects;

/**
 * A significant token of SQL text (whitespace and comments are dropped), as {@link SqlLexer#tokenize} returns it.
 *
 * @param type   what kind of token it is
 * @param text   for {@link Type#WORD}: the word case-folded to lower case; for {@link Type#QUOTED_IDENTIFIER}: the
 *               identifier with its quotes removed and {@code ""} undoubled; for {@link Type#STRING}: the string's
 *               value with escapes processed; otherwise the token as written
 * @param offset 0-based index of the token's first character in the text given to the lexer
 */
public record SqlToken(Type type, String text, int offset) {
    public enum Type {
        /** A keyword or unquoted identifier (case-folded). */
        WORD,
        /** A "quoted" identifier, U&amp;"..." included. */
        QUOTED_IDENTIFIER,
        /** A string constant of any form ('', E'', U&amp;'', $$, N''), B'' and X'' bit strings excluded. */
        STRING,
        /** A B'...' or X'...' bit-string constant; text is as written. */
        BIT_STRING,
        /** An integer or decimal constant. */
        NUMBER,
        /** A positional parameter {@code $n}. */
        PARAMETER,
        /** An operator, including {@code ::}. */
        OPERATOR,
        /** One of {@code ( ) [ ] , ; . :}. */
        PUNCTUATION
    }

    public SqlToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is the (case-folded) word {@code word}. */
    public boolean isWord(String word) {
        return type == Type.WORD && text.equals(word);
    }

    /** Whether this is the punctuation or operator {@code symbol}. */
    public boolean is(String symbol) {
        return (type == Type.PUNCTUATION || type == Type.OPERATOR) && text.equals(symbol);
    }
}
