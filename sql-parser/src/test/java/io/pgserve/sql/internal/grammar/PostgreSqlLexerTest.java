package io.pgserve.sql.internal.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgreSqlLexerTest {

    /** "TYPE[text] TYPE[text] ..." of the default-channel tokens. */
    static String lex(String sql) {
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString(sql));
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                out.add(PostgreSqlLexer.VOCABULARY.getSymbolicName(t.getType()) + "[" + t.getText() + "]");
            }
        }
        return String.join(" ", out);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "⇒", quoteCharacter = '`', value = {
        // PostgreSQL's operator rules
        "a->>b          ⇒ IDENT[a] Op[->>] IDENT[b]",
        "#>> @> <@ ~* !~~ || && ⇒ Op[#>>] Op[@>] Op[<@] Op[~*] Op[!~~] Op[||] Op[&&]",
        "<> != >= <= => ⇒ NOT_EQUALS[<>] NOT_EQUALS[!=] GREATER_EQUALS[>=] LESS_EQUALS[<=] EQUALS_GREATER[=>]",
        "a=-1           ⇒ IDENT[a] EQUAL[=] MINUS[-] ICONST[1]",
        "a<-1           ⇒ IDENT[a] LT[<] MINUS[-] ICONST[1]",
        "a>=-1          ⇒ IDENT[a] GREATER_EQUALS[>=] MINUS[-] ICONST[1]",
        "a@-1           ⇒ IDENT[a] Op[@-] ICONST[1]",
        "a?-            ⇒ IDENT[a] Op[?-]",
        "a*-+b          ⇒ IDENT[a] STAR[*] MINUS[-] PLUS[+] IDENT[b]",
        "a+--c          ⇒ IDENT[a] PLUS[+]",
        "a@--c          ⇒ IDENT[a] Op[@]",
        "a*/*c*/b       ⇒ IDENT[a] STAR[*] IDENT[b]",
        "a/**/b         ⇒ IDENT[a] IDENT[b]",
        "/*****/+1      ⇒ PLUS[+] ICONST[1]",
        "a<>=b          ⇒ IDENT[a] Op[<>=] IDENT[b]",
        "a<=+1          ⇒ IDENT[a] LESS_EQUALS[<=] PLUS[+] ICONST[1]",
        "%^             ⇒ Op[%^]",
        "a % b ^ c      ⇒ IDENT[a] PERCENT[%] IDENT[b] CARET[^] IDENT[c]",
        "a::int         ⇒ IDENT[a] TYPECAST[::] INT_P[int]",
        "x := 1         ⇒ IDENT[x] COLON_EQUALS[:=] ICONST[1]",
        "f(a => 1)      ⇒ IDENT[f] OPEN_PAREN[(] IDENT[a] EQUALS_GREATER[=>] ICONST[1] CLOSE_PAREN[)]",
        "a[1:2].b;      ⇒ IDENT[a] OPEN_BRACKET[[] ICONST[1] COLON[:] ICONST[2] CLOSE_BRACKET[]] DOT[.] IDENT[b] SEMI[;]",
        // numbers
        "1 1.5 .5 5.    ⇒ ICONST[1] FCONST[1.5] FCONST[.5] FCONST[5.]",
        "1e10 1.5E-3 .5e+2 ⇒ FCONST[1e10] FCONST[1.5E-3] FCONST[.5e+2]",
        "0x1F 0o17 0b101 0X_1f ⇒ ICONST[0x1F] ICONST[0o17] ICONST[0b101] ICONST[0X_1f]",
        "1_000_000 1_000.000_1 ⇒ ICONST[1_000_000] FCONST[1_000.000_1]",
        "1..10          ⇒ ICONST[1] DOT_DOT[..] ICONST[10]",
        "t.1            ⇒ IDENT[t] FCONST[.1]",
        "123abc 1__0    ⇒ ERR_TRAILING_JUNK[123abc] ERR_TRAILING_JUNK[1__0]",
        "0x 0o_ 0b2     ⇒ ERR_INVALID_HEX_INTEGER[0x] ERR_INVALID_OCTAL_INTEGER[0o_] ERR_TRAILING_JUNK[0b2]",
        "1e 1e+ 1.5x    ⇒ ERR_TRAILING_JUNK[1e] ERR_TRAILING_JUNK[1e+] ERR_TRAILING_JUNK[1.5x]",
        // parameters and dollars
        "$1 $23         ⇒ PARAM[$1] PARAM[$23]",
        "$1abc          ⇒ ERR_PARAM_JUNK[$1abc]",
        "a$b $abc       ⇒ IDENT[a$b] OTHER[$] IDENT[abc]",
        "$$a;b$$ $t$x$$y$t$ ⇒ SCONST[$$a;b$$] SCONST[$t$x$$y$t$]",
        "$a$ $b$ $A$ $a$ ⇒ SCONST[$a$ $b$ $A$ $a$]",
        "$x$$x$         ⇒ SCONST[$x$$x$]",
        // identifiers and keywords
        "SELECT select SeLeCt \"select\" ⇒ SELECT[SELECT] SELECT[select] SELECT[SeLeCt] IDENT[\"select\"]",
        "_x1 été x$     ⇒ IDENT[_x1] IDENT[été] IDENT[x$]",
        "\"a\"\"b\" \"a;b\" ⇒ IDENT[\"a\"\"b\"] IDENT[\"a;b\"]",
        "U&\"d\\0061t\" u&\"x\" ⇒ UIDENT[U&\"d\\0061t\"] UIDENT[u&\"x\"]",
        "u &x           ⇒ IDENT[u] Op[&] IDENT[x]",
        "null true      ⇒ NULL_P[null] TRUE_P[true]",
        // strings
        "'a''b' ''      ⇒ SCONST['a''b'] SCONST['']",
        "'a\\' ''       ⇒ SCONST['a\\'] SCONST['']",
        "E'a\\'b' e'\\\\' ⇒ SCONST[E'a\\'b'] SCONST[e'\\\\']",
        "N'x'           ⇒ NCHAR[N] SCONST['x']",
        "U&'d!0061t' UESCAPE '!' ⇒ USCONST[U&'d!0061t'] UESCAPE[UESCAPE] SCONST['!']",
        "B'1010' X'1F' b'' ⇒ BCONST[B'1010'] XCONST[X'1F'] BCONST[b'']",
        "B'10''01'      ⇒ BCONST[B'10'] SCONST['01']",
        "'a' 'b'        ⇒ SCONST['a'] SCONST['b']",
        "x'a'y          ⇒ XCONST[x'a'] IDENT[y]",
    })
    void tokens(String sql, String expected) {
        assertEquals(expected, lex(sql));
    }

    @Test
    void continuedStringIsOneToken() {
        assertEquals("SCONST['a'\n'b']", lex("'a'\n'b'"));
        assertEquals("SCONST['a' -- c\n  'b'\r\n'c']", lex("'a' -- c\n  'b'\r\n'c'"));
        assertEquals("SCONST[E'a'\n'\\'']", lex("E'a'\n'\\''"));
        assertEquals("BCONST[B'1'\n'0']", lex("B'1'\n'0'"));
        assertEquals("SCONST['a'] IDENT[x]", lex("'a'\n x"));
    }

    @Test
    void commentsAndWhitespaceAreHidden() {
        assertEquals("ICONST[1] ICONST[2]", lex("1 -- x\n/* a /* b */ c */\t2 --"));
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString("/* a /* b */ */-- c"));
        Token comment = lexer.nextToken();
        assertEquals(PostgreSqlLexer.BLOCK_COMMENT, comment.getType());
        assertEquals(Token.HIDDEN_CHANNEL, comment.getChannel());
        assertEquals("/* a /* b */ */", comment.getText());
        assertEquals(PostgreSqlLexer.LINE_COMMENT, lexer.nextToken().getType());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "⇒", quoteCharacter = '`', value = {
        "'abc           ⇒ ERR_UNTERMINATED_STRING['abc]",
        "'a''           ⇒ ERR_UNTERMINATED_STRING['a'']",
        "E'a\\'         ⇒ ERR_UNTERMINATED_STRING[E'a\\']",
        "E'a\\          ⇒ ERR_UNTERMINATED_STRING[E'a\\]",
        "U&'a           ⇒ ERR_UNTERMINATED_STRING[U&'a]",
        "N'a            ⇒ NCHAR[N] ERR_UNTERMINATED_STRING['a]",
        "\"abc          ⇒ ERR_UNTERMINATED_QUOTED_IDENT[\"abc]",
        "U&\"abc        ⇒ ERR_UNTERMINATED_QUOTED_IDENT[U&\"abc]",
        "\"\" x         ⇒ ERR_ZERO_LENGTH_IDENT[\"\"] IDENT[x]",
        "/* a /* b */   ⇒ ERR_UNTERMINATED_COMMENT[/* a /* b */]",
        "$$abc$         ⇒ ERR_UNTERMINATED_DOLLAR_STRING[$$abc$]",
        "$a$ $A$        ⇒ ERR_UNTERMINATED_DOLLAR_STRING[$a$ $A$]",
        "B'01           ⇒ ERR_UNTERMINATED_BIT_STRING[B'01]",
        "X'1F           ⇒ ERR_UNTERMINATED_HEX_STRING[X'1F]",
    })
    void errorTokens(String sql, String expected) {
        assertEquals(expected, lex(sql));
    }

    @Test
    void continuationOfAnUnterminatedStringStartsAtTheFirstPart() {
        assertEquals("ERR_UNTERMINATED_STRING['a'\n'b]", lex("'a'\n'b"));
    }

    @Test
    void everyKeywordLexesAsItsToken() {
        assertEquals(460, PostgreSqlKeywords.all().size());
        for (PostgreSqlKeywords.Keyword keyword : PostgreSqlKeywords.all()) {
            assertEquals(keyword.tokenName() + "[" + keyword.word() + "]", lex(keyword.word()));
            assertEquals(keyword, PostgreSqlKeywords.byTokenType(keyword.tokenType()));
        }
        assertNull(PostgreSqlKeywords.lookup("\u212Aey")); // KELVIN SIGN does not fold to 'k'
        assertNotNull(PostgreSqlKeywords.lookup("KEY"));
        assertEquals(PostgreSqlKeywords.Category.RESERVED, PostgreSqlKeywords.lookup("select").category());
    }

    @Test
    void errorMessagesAreThoseOfScanL() {
        assertEquals("unterminated quoted string", PostgreSqlLexerBase.errorMessage(PostgreSqlLexer.ERR_UNTERMINATED_STRING));
        assertNull(PostgreSqlLexerBase.errorMessage(PostgreSqlLexer.SCONST));
    }

    @Test
    void positionsAreCodePoints() {
        PostgreSqlLexer lexer = new PostgreSqlLexer(CharStreams.fromString("'\uD83D\uDE00' x"));
        assertEquals(0, lexer.nextToken().getStartIndex());
        lexer.nextToken();
        assertEquals(4, lexer.nextToken().getStartIndex());
    }
}
