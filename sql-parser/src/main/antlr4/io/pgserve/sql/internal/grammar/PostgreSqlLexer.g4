/*
 * PostgreSQL's SQL lexer, after src/backend/parser/scan.l (PostgreSQL 16 rules), for ANTLR 4.
 *
 * Token names follow PostgreSQL's grammar (gram.y): IDENT, UIDENT, SCONST, USCONST, BCONST, XCONST, ICONST,
 * FCONST, PARAM, Op, TYPECAST, DOT_DOT, COLON_EQUALS, EQUALS_GREATER, LESS_EQUALS, GREATER_EQUALS, NOT_EQUALS,
 * the keyword tokens (ABORT_P, SELECT, ...), and one token per "self" character ('+', ';', ...).
 *
 * A few things flex does with yyless() (give back part of a match) or with start conditions are done by
 * PostgreSqlLexerBase.emit(), after the rule below has matched:
 *  - IDENT: an identifier whose ASCII-lower-cased text is a keyword gets that keyword's token type (as
 *    ScanKeywordLookup does). Keywords are declared in the tokens block, grouped by category; see
 *    PostgreSqlKeywords for the list (PostgreSQL 15's pg_get_keywords()).
 *  - Op: trimmed as PostgreSQL does (a trailing '+'/'-' is dropped unless the operator contains one of
 *    ~ ! @ # ^ & | ` ? %); what is left may become a self-character token or one of the two-character tokens.
 *  - BLOCK_COMMENT: the rule matches only the opening slash-star; the body, with nesting, is scanned by hand.
 *  - DOLLAR_QUOTE: the rule matches only the opening $tag$; the body up to the identical closing $tag$ is scanned
 *    by hand, and the token becomes an SCONST.
 *  - NCHAR_START: N' gives the keyword token NCHAR for the N alone; the quote starts an ordinary SCONST next,
 *    exactly as PostgreSQL lexes a national character literal (N'x' is the typed literal NCHAR 'x').
 *  - ICONST_DOT_DOT: 1..10 lexes as ICONST DOT_DOT ICONST (for PL/pgSQL's FOR loops).
 *
 * String continuation: SQL says that two string literals separated only by whitespace that contains at least
 * one newline are one literal ('a'<newline>'b' is 'ab'). As in PostgreSQL, the whole run is ONE token here (its
 * text includes the separating whitespace and -- comments); a parser decoding the value must skip them. The
 * continued parts keep the kind of the first one (E'..' parts keep backslash escapes).
 *
 * Strings are lexed as with standard_conforming_strings = on (the default since PostgreSQL 9.1): in '...'
 * a backslash is an ordinary character. U&'...' UESCAPE '!' is three tokens (USCONST UESCAPE SCONST), as in
 * PostgreSQL, whose parser applies the escape.
 *
 * Errors that PostgreSQL's scanner raises become ERR_* tokens (on the default channel) whose text is the
 * offending input; PostgreSqlLexerBase.errorMessage(type) gives PostgreSQL's message for each.
 */
lexer grammar PostgreSqlLexer;

options {
    superClass = PostgreSqlLexerBase;
    caseInsensitive = true;
}

tokens {
    // String literals of every kind but U&'...', B'...' and X'...' ('...', E'...', $$...$$).
    SCONST,
    // Set by PostgreSqlLexerBase.emit() only.
    ERR_UNTERMINATED_COMMENT, ERR_UNTERMINATED_DOLLAR_STRING,

    // unreserved keywords (usable as any identifier): 309
    ABORT_P, ABSOLUTE_P, ACCESS, ACTION, ADD_P, ADMIN, AFTER, AGGREGATE, ALSO, ALTER, ALWAYS, ASENSITIVE,
    ASSERTION, ASSIGNMENT, AT, ATOMIC, ATTACH, ATTRIBUTE, BACKWARD, BEFORE, BEGIN_P, BREADTH, BY, CACHE, CALL,
    CALLED, CASCADE, CASCADED, CATALOG_P, CHAIN, CHARACTERISTICS, CHECKPOINT, CLASS, CLOSE, CLUSTER, COLUMNS,
    COMMENT, COMMENTS, COMMIT, COMMITTED, COMPRESSION, CONFIGURATION, CONFLICT, CONNECTION, CONSTRAINTS,
    CONTENT_P, CONTINUE_P, CONVERSION_P, COPY, COST, CSV, CUBE, CURRENT_P, CURSOR, CYCLE, DATA_P, DATABASE,
    DAY_P, DEALLOCATE, DECLARE, DEFAULTS, DEFERRED, DEFINER, DELETE_P, DELIMITER, DELIMITERS, DEPENDS, DEPTH,
    DETACH, DICTIONARY, DISABLE_P, DISCARD, DOCUMENT_P, DOMAIN_P, DOUBLE_P, DROP, EACH, ENABLE_P, ENCODING,
    ENCRYPTED, ENUM_P, ESCAPE, EVENT, EXCLUDE, EXCLUDING, EXCLUSIVE, EXECUTE, EXPLAIN, EXPRESSION, EXTENSION,
    EXTERNAL, FAMILY, FILTER, FINALIZE, FIRST_P, FOLLOWING, FORCE, FORWARD, FUNCTION, FUNCTIONS, GENERATED,
    GLOBAL, GRANTED, GROUPS, HANDLER, HEADER_P, HOLD, HOUR_P, IDENTITY_P, IF_P, IMMEDIATE, IMMUTABLE,
    IMPLICIT_P, IMPORT_P, INCLUDE, INCLUDING, INCREMENT, INDEX, INDEXES, INHERIT, INHERITS, INLINE_P, INPUT_P,
    INSENSITIVE, INSERT, INSTEAD, INVOKER, ISOLATION, KEY, LABEL, LANGUAGE, LARGE_P, LAST_P, LEAKPROOF, LEVEL,
    LISTEN, LOAD, LOCAL, LOCATION, LOCK_P, LOCKED, LOGGED, MAPPING, MATCH, MATCHED, MATERIALIZED, MAXVALUE,
    MERGE, METHOD, MINUTE_P, MINVALUE, MODE, MONTH_P, MOVE, NAME_P, NAMES, NEW, NEXT, NFC, NFD, NFKC, NFKD,
    NO, NORMALIZED, NOTHING, NOTIFY, NOWAIT, NULLS_P, OBJECT_P, OF, OFF, OIDS, OLD, OPERATOR, OPTION, OPTIONS,
    ORDINALITY, OTHERS, OVER, OVERRIDING, OWNED, OWNER, PARALLEL, PARAMETER, PARSER, PARTIAL, PARTITION,
    PASSING, PASSWORD, PLANS, POLICY, PRECEDING, PREPARE, PREPARED, PRESERVE, PRIOR, PRIVILEGES, PROCEDURAL,
    PROCEDURE, PROCEDURES, PROGRAM, PUBLICATION, QUOTE, RANGE, READ, REASSIGN, RECHECK, RECURSIVE, REF,
    REFERENCING, REFRESH, REINDEX, RELATIVE_P, RELEASE, RENAME, REPEATABLE, REPLACE, REPLICA, RESET, RESTART,
    RESTRICT, RETURN, RETURNS, REVOKE, ROLE, ROLLBACK, ROLLUP, ROUTINE, ROUTINES, ROWS, RULE, SAVEPOINT,
    SCHEMA, SCHEMAS, SCROLL, SEARCH, SECOND_P, SECURITY, SEQUENCE, SEQUENCES, SERIALIZABLE, SERVER, SESSION,
    SET, SETS, SHARE, SHOW, SIMPLE, SKIP, SNAPSHOT, SQL_P, STABLE, STANDALONE_P, START, STATEMENT, STATISTICS,
    STDIN, STDOUT, STORAGE, STORED, STRICT_P, STRIP_P, SUBSCRIPTION, SUPPORT, SYSID, SYSTEM_P, TABLES,
    TABLESPACE, TEMP, TEMPLATE, TEMPORARY, TEXT_P, TIES, TRANSACTION, TRANSFORM, TRIGGER, TRUNCATE, TRUSTED,
    TYPE_P, TYPES_P, UESCAPE, UNBOUNDED, UNCOMMITTED, UNENCRYPTED, UNKNOWN, UNLISTEN, UNLOGGED, UNTIL, UPDATE,
    VACUUM, VALID, VALIDATE, VALIDATOR, VALUE_P, VARYING, VERSION_P, VIEW, VIEWS, VOLATILE, WHITESPACE_P,
    WITHIN, WITHOUT, WORK, WRAPPER, WRITE, XML_P, YEAR_P, YES_P, ZONE,
    // column-name keywords (not usable as function or type names): 51
    BETWEEN, BIGINT, BIT, BOOLEAN_P, CHAR_P, CHARACTER, COALESCE, DEC, DECIMAL_P, EXISTS, EXTRACT, FLOAT_P,
    GREATEST, GROUPING, INOUT, INT_P, INTEGER, INTERVAL, LEAST, NATIONAL, NCHAR, NONE, NORMALIZE, NULLIF,
    NUMERIC, OUT_P, OVERLAY, POSITION, PRECISION, REAL, ROW, SETOF, SMALLINT, SUBSTRING, TIME, TIMESTAMP,
    TREAT, TRIM, VALUES, VARCHAR, XMLATTRIBUTES, XMLCONCAT, XMLELEMENT, XMLEXISTS, XMLFOREST, XMLNAMESPACES,
    XMLPARSE, XMLPI, XMLROOT, XMLSERIALIZE, XMLTABLE,
    // type/function-name keywords (not usable as column names): 23
    AUTHORIZATION, BINARY, COLLATION, CONCURRENTLY, CROSS, CURRENT_SCHEMA, FREEZE, FULL, ILIKE, INNER_P, IS,
    ISNULL, JOIN, LEFT, LIKE, NATURAL, NOTNULL, OUTER_P, OVERLAPS, RIGHT, SIMILAR, TABLESAMPLE, VERBOSE,
    // reserved keywords: 77
    ALL, ANALYSE, ANALYZE, AND, ANY, ARRAY, AS, ASC, ASYMMETRIC, BOTH, CASE, CAST, CHECK, COLLATE, COLUMN,
    CONSTRAINT, CREATE, CURRENT_CATALOG, CURRENT_DATE, CURRENT_ROLE, CURRENT_TIME, CURRENT_TIMESTAMP,
    CURRENT_USER, DEFAULT, DEFERRABLE, DESC, DISTINCT, DO, ELSE, END_P, EXCEPT, FALSE_P, FETCH, FOR, FOREIGN,
    FROM, GRANT, GROUP_P, HAVING, IN_P, INITIALLY, INTERSECT, INTO, LATERAL_P, LEADING, LIMIT, LOCALTIME,
    LOCALTIMESTAMP, NOT, NULL_P, OFFSET, ON, ONLY, OR, ORDER, PLACING, PRIMARY, REFERENCES, RETURNING, SELECT,
    SESSION_USER, SOME, SYMMETRIC, TABLE, THEN, TO, TRAILING, TRUE_P, UNION, UNIQUE, USER, USING, VARIADIC,
    WHEN, WHERE, WINDOW, WITH
}

// ---------------------------------------------------------------------------------------------------------
// Whitespace and comments. PostgreSQL accepts \n or \r as a newline, and treats a -- comment (running to the
// next newline or the end of the input) and a /* */ comment as whitespace. Block comments nest.

WHITESPACE   : [ \t\n\r\f\u000B]+ -> channel(HIDDEN);
LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN);
// Only the opening; emit() scans the (nested) body, or makes it ERR_UNTERMINATED_COMMENT.
BLOCK_COMMENT : '/*' -> channel(HIDDEN);

// ---------------------------------------------------------------------------------------------------------
// Quoted identifiers. "" inside stands for one ". An empty "" is an error in PostgreSQL.

IDENT_QUOTED_ : '"' ('""' | ~'"')+ '"' -> type(IDENT);
UIDENT        : 'U&"' ('""' | ~'"')+ '"';
ERR_ZERO_LENGTH_IDENT        : '"' '"' | 'U&"' '"';
ERR_UNTERMINATED_QUOTED_IDENT: ('"' | 'U&"') ('""' | ~'"')*;

// ---------------------------------------------------------------------------------------------------------
// String literals, each with its continuations (see the head comment). An ERR_ rule matches a literal whose
// last part never ends; as it cannot end with a closing quote, it only wins (longest match) at end of input.

SCONST_STD_ : '\'' STD_BODY '\'' (QUOTE_CONTINUE STD_BODY '\'')* -> type(SCONST);
SCONST_ESC_ : 'E\'' ESC_BODY '\'' (QUOTE_CONTINUE ESC_BODY '\'')* -> type(SCONST);
USCONST     : 'U&\'' STD_BODY '\'' (QUOTE_CONTINUE STD_BODY '\'')*;
BCONST      : 'B\'' BIT_BODY '\'' (QUOTE_CONTINUE BIT_BODY '\'')*;
XCONST      : 'X\'' BIT_BODY '\'' (QUOTE_CONTINUE BIT_BODY '\'')*;
// N' is the keyword NCHAR (for the N only) followed by an ordinary literal; see emit().
NCHAR_START : 'N\'';

ERR_UNTERMINATED_STRING
    : ('\'' | 'U&\'') STD_BODY ('\'' QUOTE_CONTINUE STD_BODY)*
    | 'E\'' ESC_BODY ('\'' QUOTE_CONTINUE ESC_BODY)* '\\'?
    ;
ERR_UNTERMINATED_BIT_STRING : 'B\'' BIT_BODY ('\'' QUOTE_CONTINUE BIT_BODY)*;
ERR_UNTERMINATED_HEX_STRING : 'X\'' BIT_BODY ('\'' QUOTE_CONTINUE BIT_BODY)*;

fragment STD_BODY : ('\'\'' | ~'\'')*;
// E'...': \' and \\ are escapes (so \' does not end the literal); '' also stands for '.
fragment ESC_BODY : ('\'\'' | '\\' . | ~['\\])*;
// B'...' and X'...': no escapes at all; the contents are checked by the bit string input function.
fragment BIT_BODY : ~'\''*;
// Whitespace that contains a newline, then the opening quote of the next part.
fragment QUOTE_CONTINUE : (NON_NEWLINE_SPACE | LINE_COMMENT_F)* NEWLINE (SPACE | LINE_COMMENT_F NEWLINE)* '\'';
fragment SPACE             : [ \t\n\r\f\u000B];
fragment NON_NEWLINE_SPACE : [ \t\f\u000B];
fragment NEWLINE           : [\r\n];
fragment LINE_COMMENT_F    : '--' ~[\r\n]*;

// ---------------------------------------------------------------------------------------------------------
// Dollar quoting: $$...$$ or $tag$...$tag$, where the tag is like an identifier but without '$'. Only the
// opening delimiter is matched here; emit() finds the identical closing one (or makes the token
// ERR_UNTERMINATED_DOLLAR_STRING). $1 is a parameter; a '$' that starts neither is a token of its own (OTHER).

DOLLAR_QUOTE : '$' (DOLQ_START DOLQ_CONT*)? '$';
fragment DOLQ_START : [a-z\u0080-\u{10FFFF}_];
fragment DOLQ_CONT  : [a-z\u0080-\u{10FFFF}_0-9];

PARAM : '$' DEC_DIGIT+;
ERR_PARAM_JUNK : '$' DEC_DIGIT+ IDENT_F;

// ---------------------------------------------------------------------------------------------------------
// Numbers (PostgreSQL 16: 0x/0o/0b prefixes and '_' between digits). A sign is never part of a number.
// Order matters for equal-length matches: 0x1F is an ICONST, not "0" plus junk.

ICONST
    : DEC_INTEGER
    | '0x' ('_'? HEX_DIGIT)+
    | '0o' ('_'? [0-7])+
    | '0b' ('_'? [01])+
    ;
FCONST : NUMERIC_F | REAL_F;
// 1..10 is 1, .., 10 (not 1. followed by .10); emit() gives back the dots.
ICONST_DOT_DOT : DEC_INTEGER '..';

ERR_INVALID_HEX_INTEGER    : '0x' '_'?;
ERR_INVALID_OCTAL_INTEGER  : '0o' '_'?;
ERR_INVALID_BINARY_INTEGER : '0b' '_'?;
// An identifier right after a number (123abc, 0x12g, 1.5e3x, 1e+) is an error since PostgreSQL 15.
ERR_TRAILING_JUNK
    : (DEC_INTEGER | NUMERIC_F | REAL_F) IDENT_F
    | (DEC_INTEGER | NUMERIC_F) 'e' [-+]
    ;

fragment DEC_DIGIT   : [0-9];
fragment HEX_DIGIT   : [0-9a-f];
fragment DEC_INTEGER : DEC_DIGIT ('_'? DEC_DIGIT)*;
fragment NUMERIC_F   : DEC_INTEGER '.' DEC_INTEGER? | '.' DEC_INTEGER;
fragment REAL_F      : (DEC_INTEGER | NUMERIC_F) 'e' [-+]? DEC_INTEGER;

// ---------------------------------------------------------------------------------------------------------
// Identifiers and keywords: letters (any non-ASCII character counts as one), '_', then also digits and '$'.
// emit() turns keywords into their token types.

IDENT : IDENT_F;
fragment IDENT_F     : IDENT_START IDENT_CONT*;
fragment IDENT_START : [a-z\u0080-\u{10FFFF}_];
fragment IDENT_CONT  : [a-z\u0080-\u{10FFFF}_0-9$];

// ---------------------------------------------------------------------------------------------------------
// Punctuation and operators.

TYPECAST       : '::';
DOT_DOT        : '..';
COLON_EQUALS   : ':=';
EQUALS_GREATER : '=>';
LESS_EQUALS    : '<=';
GREATER_EQUALS : '>=';
NOT_EQUALS     : '<>' | '!=';

// PostgreSQL's "self" characters: returned as themselves, never as Op.
COMMA         : ',';
OPEN_PAREN    : '(';
CLOSE_PAREN   : ')';
OPEN_BRACKET  : '[';
CLOSE_BRACKET : ']';
DOT           : '.';
SEMI          : ';';
COLON         : ':';
PLUS          : '+';
MINUS         : '-';
STAR          : '*';
SLASH         : '/';
PERCENT       : '%';
CARET         : '^';
LT            : '<';
GT            : '>';
EQUAL         : '=';

/*
 * Op: a run of the operator characters  ~ ! @ # ^ & | ` ? + - * / % < > =  that does not contain a comment
 * start (slash-star or --), which ends the operator. This rule encodes that as a small automaton (A: after
 * start or an ordinary char or '*'; S: after '/'; D: after '-'); emit() drops a final '/' or '-' that starts a
 * comment with the next character, then applies the trailing +/- rule.
 */
Op : OP_LOOP+ OP_TAIL? | OP_TAIL;
fragment OP_PLAIN : [~!@#^&|`?%+<>=];
fragment OP_LOOP
    : OP_PLAIN | '*'
    | '/' OP_SLASH_TO_A
    | '-' (OP_PLAIN | '*' | '/' OP_SLASH_TO_A)
    ;
fragment OP_SLASH_TO_A : ('/' | '-/')* (OP_PLAIN | '-' (OP_PLAIN | '*'));
fragment OP_TAIL       : '-'? '/' ('/' | '-/')* '-'? | '-';

// Any other character ('$' alone, '\', '{', ...) is a token of its own; the parser rejects it.
OTHER : .;
