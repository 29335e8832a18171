package io.pgserve.sql.internal.grammar;

import static io.pgserve.sql.internal.grammar.PostgreSqlKeywords.Category.COL_NAME;
import static io.pgserve.sql.internal.grammar.PostgreSqlKeywords.Category.RESERVED;
import static io.pgserve.sql.internal.grammar.PostgreSqlKeywords.Category.TYPE_FUNC_NAME;
import static io.pgserve.sql.internal.grammar.PostgreSqlKeywords.Category.UNRESERVED;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

/**
 * PostgreSQL's keywords (PostgreSQL 15, as listed by {@code pg_get_keywords()}), with the token name each has in
 * PostgreSQL's grammar (src/include/parser/kwlist.h: {@code NULL_P}, {@code SELECT}, ...) and in
 * {@code PostgreSqlLexer}'s tokens block, and their category, which decides where a keyword may still be used
 * as a name.
 */
public final class PostgreSqlKeywords {

    /** Where a keyword may be used as a name (see "Key Words" in PostgreSQL's documentation). */
    public enum Category {
        /** Usable as any name. */
        UNRESERVED,
        /** Usable as a column name, not as a function or type name. */
        COL_NAME,
        /** Usable as a function or type name, not as a column name. */
        TYPE_FUNC_NAME,
        /** Not usable as a name (except after AS, and as a column label where {@code bareLabel} says so). */
        RESERVED
    }

    /**
     * One keyword.
     *
     * @param word      the keyword in lower case
     * @param tokenName its token name in PostgreSqlLexer
     * @param category  its category
     * @param bareLabel whether it may be a column label without AS ({@code SELECT 1 abort})
     * @param tokenType its token type in PostgreSqlLexer
     */
    public record Keyword(String word, String tokenName, Category category, boolean bareLabel, int tokenType) {
    }

    private static final int MAX_LENGTH = 17;
    private static final List<Keyword> ALL;
    private static final Map<String, Keyword> BY_WORD;
    private static final Keyword[] BY_TYPE;

    static {
        Object[][] table = {
            {"abort", "ABORT_P", UNRESERVED, true},
            {"absolute", "ABSOLUTE_P", UNRESERVED, true},
            {"access", "ACCESS", UNRESERVED, true},
            {"action", "ACTION", UNRESERVED, true},
            {"add", "ADD_P", UNRESERVED, true},
            {"admin", "ADMIN", UNRESERVED, true},
            {"after", "AFTER", UNRESERVED, true},
            {"aggregate", "AGGREGATE", UNRESERVED, true},
            {"all", "ALL", RESERVED, true},
            {"also", "ALSO", UNRESERVED, true},
            {"alter", "ALTER", UNRESERVED, true},
            {"always", "ALWAYS", UNRESERVED, true},
            {"analyse", "ANALYSE", RESERVED, true},
            {"analyze", "ANALYZE", RESERVED, true},
            {"and", "AND", RESERVED, true},
            {"any", "ANY", RESERVED, true},
            {"array", "ARRAY", RESERVED, false},
            {"as", "AS", RESERVED, false},
            {"asc", "ASC", RESERVED, true},
            {"asensitive", "ASENSITIVE", UNRESERVED, true},
            {"assertion", "ASSERTION", UNRESERVED, true},
            {"assignment", "ASSIGNMENT", UNRESERVED, true},
            {"asymmetric", "ASYMMETRIC", RESERVED, true},
            {"at", "AT", UNRESERVED, true},
            {"atomic", "ATOMIC", UNRESERVED, true},
            {"attach", "ATTACH", UNRESERVED, true},
            {"attribute", "ATTRIBUTE", UNRESERVED, true},
            {"authorization", "AUTHORIZATION", TYPE_FUNC_NAME, true},
            {"backward", "BACKWARD", UNRESERVED, true},
            {"before", "BEFORE", UNRESERVED, true},
            {"begin", "BEGIN_P", UNRESERVED, true},
            {"between", "BETWEEN", COL_NAME, true},
            {"bigint", "BIGINT", COL_NAME, true},
            {"binary", "BINARY", TYPE_FUNC_NAME, true},
            {"bit", "BIT", COL_NAME, true},
            {"boolean", "BOOLEAN_P", COL_NAME, true},
            {"both", "BOTH", RESERVED, true},
            {"breadth", "BREADTH", UNRESERVED, true},
            {"by", "BY", UNRESERVED, true},
            {"cache", "CACHE", UNRESERVED, true},
            {"call", "CALL", UNRESERVED, true},
            {"called", "CALLED", UNRESERVED, true},
            {"cascade", "CASCADE", UNRESERVED, true},
            {"cascaded", "CASCADED", UNRESERVED, true},
            {"case", "CASE", RESERVED, true},
            {"cast", "CAST", RESERVED, true},
            {"catalog", "CATALOG_P", UNRESERVED, true},
            {"chain", "CHAIN", UNRESERVED, true},
            {"char", "CHAR_P", COL_NAME, false},
            {"character", "CHARACTER", COL_NAME, false},
            {"characteristics", "CHARACTERISTICS", UNRESERVED, true},
            {"check", "CHECK", RESERVED, true},
            {"checkpoint", "CHECKPOINT", UNRESERVED, true},
            {"class", "CLASS", UNRESERVED, true},
            {"close", "CLOSE", UNRESERVED, true},
            {"cluster", "CLUSTER", UNRESERVED, true},
            {"coalesce", "COALESCE", COL_NAME, true},
            {"collate", "COLLATE", RESERVED, true},
            {"collation", "COLLATION", TYPE_FUNC_NAME, true},
            {"column", "COLUMN", RESERVED, true},
            {"columns", "COLUMNS", UNRESERVED, true},
            {"comment", "COMMENT", UNRESERVED, true},
            {"comments", "COMMENTS", UNRESERVED, true},
            {"commit", "COMMIT", UNRESERVED, true},
            {"committed", "COMMITTED", UNRESERVED, true},
            {"compression", "COMPRESSION", UNRESERVED, true},
            {"concurrently", "CONCURRENTLY", TYPE_FUNC_NAME, true},
            {"configuration", "CONFIGURATION", UNRESERVED, true},
            {"conflict", "CONFLICT", UNRESERVED, true},
            {"connection", "CONNECTION", UNRESERVED, true},
            {"constraint", "CONSTRAINT", RESERVED, true},
            {"constraints", "CONSTRAINTS", UNRESERVED, true},
            {"content", "CONTENT_P", UNRESERVED, true},
            {"continue", "CONTINUE_P", UNRESERVED, true},
            {"conversion", "CONVERSION_P", UNRESERVED, true},
            {"copy", "COPY", UNRESERVED, true},
            {"cost", "COST", UNRESERVED, true},
            {"create", "CREATE", RESERVED, false},
            {"cross", "CROSS", TYPE_FUNC_NAME, true},
            {"csv", "CSV", UNRESERVED, true},
            {"cube", "CUBE", UNRESERVED, true},
            {"current", "CURRENT_P", UNRESERVED, true},
            {"current_catalog", "CURRENT_CATALOG", RESERVED, true},
            {"current_date", "CURRENT_DATE", RESERVED, true},
            {"current_role", "CURRENT_ROLE", RESERVED, true},
            {"current_schema", "CURRENT_SCHEMA", TYPE_FUNC_NAME, true},
            {"current_time", "CURRENT_TIME", RESERVED, true},
            {"current_timestamp", "CURRENT_TIMESTAMP", RESERVED, true},
            {"current_user", "CURRENT_USER", RESERVED, true},
            {"cursor", "CURSOR", UNRESERVED, true},
            {"cycle", "CYCLE", UNRESERVED, true},
            {"data", "DATA_P", UNRESERVED, true},
            {"database", "DATABASE", UNRESERVED, true},
            {"day", "DAY_P", UNRESERVED, false},
            {"deallocate", "DEALLOCATE", UNRESERVED, true},
            {"dec", "DEC", COL_NAME, true},
            {"decimal", "DECIMAL_P", COL_NAME, true},
            {"declare", "DECLARE", UNRESERVED, true},
            {"default", "DEFAULT", RESERVED, true},
            {"defaults", "DEFAULTS", UNRESERVED, true},
            {"deferrable", "DEFERRABLE", RESERVED, true},
            {"deferred", "DEFERRED", UNRESERVED, true},
            {"definer", "DEFINER", UNRESERVED, true},
            {"delete", "DELETE_P", UNRESERVED, true},
            {"delimiter", "DELIMITER", UNRESERVED, true},
            {"delimiters", "DELIMITERS", UNRESERVED, true},
            {"depends", "DEPENDS", UNRESERVED, true},
            {"depth", "DEPTH", UNRESERVED, true},
            {"desc", "DESC", RESERVED, true},
            {"detach", "DETACH", UNRESERVED, true},
            {"dictionary", "DICTIONARY", UNRESERVED, true},
            {"disable", "DISABLE_P", UNRESERVED, true},
            {"discard", "DISCARD", UNRESERVED, true},
            {"distinct", "DISTINCT", RESERVED, true},
            {"do", "DO", RESERVED, true},
            {"document", "DOCUMENT_P", UNRESERVED, true},
            {"domain", "DOMAIN_P", UNRESERVED, true},
            {"double", "DOUBLE_P", UNRESERVED, true},
            {"drop", "DROP", UNRESERVED, true},
            {"each", "EACH", UNRESERVED, true},
            {"else", "ELSE", RESERVED, true},
            {"enable", "ENABLE_P", UNRESERVED, true},
            {"encoding", "ENCODING", UNRESERVED, true},
            {"encrypted", "ENCRYPTED", UNRESERVED, true},
            {"end", "END_P", RESERVED, true},
            {"enum", "ENUM_P", UNRESERVED, true},
            {"escape", "ESCAPE", UNRESERVED, true},
            {"event", "EVENT", UNRESERVED, true},
            {"except", "EXCEPT", RESERVED, false},
            {"exclude", "EXCLUDE", UNRESERVED, true},
            {"excluding", "EXCLUDING", UNRESERVED, true},
            {"exclusive", "EXCLUSIVE", UNRESERVED, true},
            {"execute", "EXECUTE", UNRESERVED, true},
            {"exists", "EXISTS", COL_NAME, true},
            {"explain", "EXPLAIN", UNRESERVED, true},
            {"expression", "EXPRESSION", UNRESERVED, true},
            {"extension", "EXTENSION", UNRESERVED, true},
            {"external", "EXTERNAL", UNRESERVED, true},
            {"extract", "EXTRACT", COL_NAME, true},
            {"false", "FALSE_P", RESERVED, true},
            {"family", "FAMILY", UNRESERVED, true},
            {"fetch", "FETCH", RESERVED, false},
            {"filter", "FILTER", UNRESERVED, false},
            {"finalize", "FINALIZE", UNRESERVED, true},
            {"first", "FIRST_P", UNRESERVED, true},
            {"float", "FLOAT_P", COL_NAME, true},
            {"following", "FOLLOWING", UNRESERVED, true},
            {"for", "FOR", RESERVED, false},
            {"force", "FORCE", UNRESERVED, true},
            {"foreign", "FOREIGN", RESERVED, true},
            {"forward", "FORWARD", UNRESERVED, true},
            {"freeze", "FREEZE", TYPE_FUNC_NAME, true},
            {"from", "FROM", RESERVED, false},
            {"full", "FULL", TYPE_FUNC_NAME, true},
            {"function", "FUNCTION", UNRESERVED, true},
            {"functions", "FUNCTIONS", UNRESERVED, true},
            {"generated", "GENERATED", UNRESERVED, true},
            {"global", "GLOBAL", UNRESERVED, true},
            {"grant", "GRANT", RESERVED, false},
            {"granted", "GRANTED", UNRESERVED, true},
            {"greatest", "GREATEST", COL_NAME, true},
            {"group", "GROUP_P", RESERVED, false},
            {"grouping", "GROUPING", COL_NAME, true},
            {"groups", "GROUPS", UNRESERVED, true},
            {"handler", "HANDLER", UNRESERVED, true},
            {"having", "HAVING", RESERVED, false},
            {"header", "HEADER_P", UNRESERVED, true},
            {"hold", "HOLD", UNRESERVED, true},
            {"hour", "HOUR_P", UNRESERVED, false},
            {"identity", "IDENTITY_P", UNRESERVED, true},
            {"if", "IF_P", UNRESERVED, true},
            {"ilike", "ILIKE", TYPE_FUNC_NAME, true},
            {"immediate", "IMMEDIATE", UNRESERVED, true},
            {"immutable", "IMMUTABLE", UNRESERVED, true},
            {"implicit", "IMPLICIT_P", UNRESERVED, true},
            {"import", "IMPORT_P", UNRESERVED, true},
            {"in", "IN_P", RESERVED, true},
            {"include", "INCLUDE", UNRESERVED, true},
            {"including", "INCLUDING", UNRESERVED, true},
            {"increment", "INCREMENT", UNRESERVED, true},
            {"index", "INDEX", UNRESERVED, true},
            {"indexes", "INDEXES", UNRESERVED, true},
            {"inherit", "INHERIT", UNRESERVED, true},
            {"inherits", "INHERITS", UNRESERVED, true},
            {"initially", "INITIALLY", RESERVED, true},
            {"inline", "INLINE_P", UNRESERVED, true},
            {"inner", "INNER_P", TYPE_FUNC_NAME, true},
            {"inout", "INOUT", COL_NAME, true},
            {"input", "INPUT_P", UNRESERVED, true},
            {"insensitive", "INSENSITIVE", UNRESERVED, true},
            {"insert", "INSERT", UNRESERVED, true},
            {"instead", "INSTEAD", UNRESERVED, true},
            {"int", "INT_P", COL_NAME, true},
            {"integer", "INTEGER", COL_NAME, true},
            {"intersect", "INTERSECT", RESERVED, false},
            {"interval", "INTERVAL", COL_NAME, true},
            {"into", "INTO", RESERVED, false},
            {"invoker", "INVOKER", UNRESERVED, true},
            {"is", "IS", TYPE_FUNC_NAME, true},
            {"isnull", "ISNULL", TYPE_FUNC_NAME, false},
            {"isolation", "ISOLATION", UNRESERVED, true},
            {"join", "JOIN", TYPE_FUNC_NAME, true},
            {"key", "KEY", UNRESERVED, true},
            {"label", "LABEL", UNRESERVED, true},
            {"language", "LANGUAGE", UNRESERVED, true},
            {"large", "LARGE_P", UNRESERVED, true},
            {"last", "LAST_P", UNRESERVED, true},
            {"lateral", "LATERAL_P", RESERVED, true},
            {"leading", "LEADING", RESERVED, true},
            {"leakproof", "LEAKPROOF", UNRESERVED, true},
            {"least", "LEAST", COL_NAME, true},
            {"left", "LEFT", TYPE_FUNC_NAME, true},
            {"level", "LEVEL", UNRESERVED, true},
            {"like", "LIKE", TYPE_FUNC_NAME, true},
            {"limit", "LIMIT", RESERVED, false},
            {"listen", "LISTEN", UNRESERVED, true},
            {"load", "LOAD", UNRESERVED, true},
            {"local", "LOCAL", UNRESERVED, true},
            {"localtime", "LOCALTIME", RESERVED, true},
            {"localtimestamp", "LOCALTIMESTAMP", RESERVED, true},
            {"location", "LOCATION", UNRESERVED, true},
            {"lock", "LOCK_P", UNRESERVED, true},
            {"locked", "LOCKED", UNRESERVED, true},
            {"logged", "LOGGED", UNRESERVED, true},
            {"mapping", "MAPPING", UNRESERVED, true},
            {"match", "MATCH", UNRESERVED, true},
            {"matched", "MATCHED", UNRESERVED, true},
            {"materialized", "MATERIALIZED", UNRESERVED, true},
            {"maxvalue", "MAXVALUE", UNRESERVED, true},
            {"merge", "MERGE", UNRESERVED, true},
            {"method", "METHOD", UNRESERVED, true},
            {"minute", "MINUTE_P", UNRESERVED, false},
            {"minvalue", "MINVALUE", UNRESERVED, true},
            {"mode", "MODE", UNRESERVED, true},
            {"month", "MONTH_P", UNRESERVED, false},
            {"move", "MOVE", UNRESERVED, true},
            {"name", "NAME_P", UNRESERVED, true},
            {"names", "NAMES", UNRESERVED, true},
            {"national", "NATIONAL", COL_NAME, true},
            {"natural", "NATURAL", TYPE_FUNC_NAME, true},
            {"nchar", "NCHAR", COL_NAME, true},
            {"new", "NEW", UNRESERVED, true},
            {"next", "NEXT", UNRESERVED, true},
            {"nfc", "NFC", UNRESERVED, true},
            {"nfd", "NFD", UNRESERVED, true},
            {"nfkc", "NFKC", UNRESERVED, true},
            {"nfkd", "NFKD", UNRESERVED, true},
            {"no", "NO", UNRESERVED, true},
            {"none", "NONE", COL_NAME, true},
            {"normalize", "NORMALIZE", COL_NAME, true},
            {"normalized", "NORMALIZED", UNRESERVED, true},
            {"not", "NOT", RESERVED, true},
            {"nothing", "NOTHING", UNRESERVED, true},
            {"notify", "NOTIFY", UNRESERVED, true},
            {"notnull", "NOTNULL", TYPE_FUNC_NAME, false},
            {"nowait", "NOWAIT", UNRESERVED, true},
            {"null", "NULL_P", RESERVED, true},
            {"nullif", "NULLIF", COL_NAME, true},
            {"nulls", "NULLS_P", UNRESERVED, true},
            {"numeric", "NUMERIC", COL_NAME, true},
            {"object", "OBJECT_P", UNRESERVED, true},
            {"of", "OF", UNRESERVED, true},
            {"off", "OFF", UNRESERVED, true},
            {"offset", "OFFSET", RESERVED, false},
            {"oids", "OIDS", UNRESERVED, true},
            {"old", "OLD", UNRESERVED, true},
            {"on", "ON", RESERVED, false},
            {"only", "ONLY", RESERVED, true},
            {"operator", "OPERATOR", UNRESERVED, true},
            {"option", "OPTION", UNRESERVED, true},
            {"options", "OPTIONS", UNRESERVED, true},
            {"or", "OR", RESERVED, true},
            {"order", "ORDER", RESERVED, false},
            {"ordinality", "ORDINALITY", UNRESERVED, true},
            {"others", "OTHERS", UNRESERVED, true},
            {"out", "OUT_P", COL_NAME, true},
            {"outer", "OUTER_P", TYPE_FUNC_NAME, true},
            {"over", "OVER", UNRESERVED, false},
            {"overlaps", "OVERLAPS", TYPE_FUNC_NAME, false},
            {"overlay", "OVERLAY", COL_NAME, true},
            {"overriding", "OVERRIDING", UNRESERVED, true},
            {"owned", "OWNED", UNRESERVED, true},
            {"owner", "OWNER", UNRESERVED, true},
            {"parallel", "PARALLEL", UNRESERVED, true},
            {"parameter", "PARAMETER", UNRESERVED, true},
            {"parser", "PARSER", UNRESERVED, true},
            {"partial", "PARTIAL", UNRESERVED, true},
            {"partition", "PARTITION", UNRESERVED, true},
            {"passing", "PASSING", UNRESERVED, true},
            {"password", "PASSWORD", UNRESERVED, true},
            {"placing", "PLACING", RESERVED, true},
            {"plans", "PLANS", UNRESERVED, true},
            {"policy", "POLICY", UNRESERVED, true},
            {"position", "POSITION", COL_NAME, true},
            {"preceding", "PRECEDING", UNRESERVED, true},
            {"precision", "PRECISION", COL_NAME, false},
            {"prepare", "PREPARE", UNRESERVED, true},
            {"prepared", "PREPARED", UNRESERVED, true},
            {"preserve", "PRESERVE", UNRESERVED, true},
            {"primary", "PRIMARY", RESERVED, true},
            {"prior", "PRIOR", UNRESERVED, true},
            {"privileges", "PRIVILEGES", UNRESERVED, true},
            {"procedural", "PROCEDURAL", UNRESERVED, true},
            {"procedure", "PROCEDURE", UNRESERVED, true},
            {"procedures", "PROCEDURES", UNRESERVED, true},
            {"program", "PROGRAM", UNRESERVED, true},
            {"publication", "PUBLICATION", UNRESERVED, true},
            {"quote", "QUOTE", UNRESERVED, true},
            {"range", "RANGE", UNRESERVED, true},
            {"read", "READ", UNRESERVED, true},
            {"real", "REAL", COL_NAME, true},
            {"reassign", "REASSIGN", UNRESERVED, true},
            {"recheck", "RECHECK", UNRESERVED, true},
            {"recursive", "RECURSIVE", UNRESERVED, true},
            {"ref", "REF", UNRESERVED, true},
            {"references", "REFERENCES", RESERVED, true},
            {"referencing", "REFERENCING", UNRESERVED, true},
            {"refresh", "REFRESH", UNRESERVED, true},
            {"reindex", "REINDEX", UNRESERVED, true},
            {"relative", "RELATIVE_P", UNRESERVED, true},
            {"release", "RELEASE", UNRESERVED, true},
            {"rename", "RENAME", UNRESERVED, true},
            {"repeatable", "REPEATABLE", UNRESERVED, true},
            {"replace", "REPLACE", UNRESERVED, true},
            {"replica", "REPLICA", UNRESERVED, true},
            {"reset", "RESET", UNRESERVED, true},
            {"restart", "RESTART", UNRESERVED, true},
            {"restrict", "RESTRICT", UNRESERVED, true},
            {"return", "RETURN", UNRESERVED, true},
            {"returning", "RETURNING", RESERVED, false},
            {"returns", "RETURNS", UNRESERVED, true},
            {"revoke", "REVOKE", UNRESERVED, true},
            {"right", "RIGHT", TYPE_FUNC_NAME, true},
            {"role", "ROLE", UNRESERVED, true},
            {"rollback", "ROLLBACK", UNRESERVED, true},
            {"rollup", "ROLLUP", UNRESERVED, true},
            {"routine", "ROUTINE", UNRESERVED, true},
            {"routines", "ROUTINES", UNRESERVED, true},
            {"row", "ROW", COL_NAME, true},
            {"rows", "ROWS", UNRESERVED, true},
            {"rule", "RULE", UNRESERVED, true},
            {"savepoint", "SAVEPOINT", UNRESERVED, true},
            {"schema", "SCHEMA", UNRESERVED, true},
            {"schemas", "SCHEMAS", UNRESERVED, true},
            {"scroll", "SCROLL", UNRESERVED, true},
            {"search", "SEARCH", UNRESERVED, true},
            {"second", "SECOND_P", UNRESERVED, false},
            {"security", "SECURITY", UNRESERVED, true},
            {"select", "SELECT", RESERVED, true},
            {"sequence", "SEQUENCE", UNRESERVED, true},
            {"sequences", "SEQUENCES", UNRESERVED, true},
            {"serializable", "SERIALIZABLE", UNRESERVED, true},
            {"server", "SERVER", UNRESERVED, true},
            {"session", "SESSION", UNRESERVED, true},
            {"session_user", "SESSION_USER", RESERVED, true},
            {"set", "SET", UNRESERVED, true},
            {"setof", "SETOF", COL_NAME, true},
            {"sets", "SETS", UNRESERVED, true},
            {"share", "SHARE", UNRESERVED, true},
            {"show", "SHOW", UNRESERVED, true},
            {"similar", "SIMILAR", TYPE_FUNC_NAME, true},
            {"simple", "SIMPLE", UNRESERVED, true},
            {"skip", "SKIP", UNRESERVED, true},
            {"smallint", "SMALLINT", COL_NAME, true},
            {"snapshot", "SNAPSHOT", UNRESERVED, true},
            {"some", "SOME", RESERVED, true},
            {"sql", "SQL_P", UNRESERVED, true},
            {"stable", "STABLE", UNRESERVED, true},
            {"standalone", "STANDALONE_P", UNRESERVED, true},
            {"start", "START", UNRESERVED, true},
            {"statement", "STATEMENT", UNRESERVED, true},
            {"statistics", "STATISTICS", UNRESERVED, true},
            {"stdin", "STDIN", UNRESERVED, true},
            {"stdout", "STDOUT", UNRESERVED, true},
            {"storage", "STORAGE", UNRESERVED, true},
            {"stored", "STORED", UNRESERVED, true},
            {"strict", "STRICT_P", UNRESERVED, true},
            {"strip", "STRIP_P", UNRESERVED, true},
            {"subscription", "SUBSCRIPTION", UNRESERVED, true},
            {"substring", "SUBSTRING", COL_NAME, true},
            {"support", "SUPPORT", UNRESERVED, true},
            {"symmetric", "SYMMETRIC", RESERVED, true},
            {"sysid", "SYSID", UNRESERVED, true},
            {"system", "SYSTEM_P", UNRESERVED, true},
            {"table", "TABLE", RESERVED, true},
            {"tables", "TABLES", UNRESERVED, true},
            {"tablesample", "TABLESAMPLE", TYPE_FUNC_NAME, true},
            {"tablespace", "TABLESPACE", UNRESERVED, true},
            {"temp", "TEMP", UNRESERVED, true},
            {"template", "TEMPLATE", UNRESERVED, true},
            {"temporary", "TEMPORARY", UNRESERVED, true},
            {"text", "TEXT_P", UNRESERVED, true},
            {"then", "THEN", RESERVED, true},
            {"ties", "TIES", UNRESERVED, true},
            {"time", "TIME", COL_NAME, true},
            {"timestamp", "TIMESTAMP", COL_NAME, true},
            {"to", "TO", RESERVED, false},
            {"trailing", "TRAILING", RESERVED, true},
            {"transaction", "TRANSACTION", UNRESERVED, true},
            {"transform", "TRANSFORM", UNRESERVED, true},
            {"treat", "TREAT", COL_NAME, true},
            {"trigger", "TRIGGER", UNRESERVED, true},
            {"trim", "TRIM", COL_NAME, true},
            {"true", "TRUE_P", RESERVED, true},
            {"truncate", "TRUNCATE", UNRESERVED, true},
            {"trusted", "TRUSTED", UNRESERVED, true},
            {"type", "TYPE_P", UNRESERVED, true},
            {"types", "TYPES_P", UNRESERVED, true},
            {"uescape", "UESCAPE", UNRESERVED, true},
            {"unbounded", "UNBOUNDED", UNRESERVED, true},
            {"uncommitted", "UNCOMMITTED", UNRESERVED, true},
            {"unencrypted", "UNENCRYPTED", UNRESERVED, true},
            {"union", "UNION", RESERVED, false},
            {"unique", "UNIQUE", RESERVED, true},
            {"unknown", "UNKNOWN", UNRESERVED, true},
            {"unlisten", "UNLISTEN", UNRESERVED, true},
            {"unlogged", "UNLOGGED", UNRESERVED, true},
            {"until", "UNTIL", UNRESERVED, true},
            {"update", "UPDATE", UNRESERVED, true},
            {"user", "USER", RESERVED, true},
            {"using", "USING", RESERVED, true},
            {"vacuum", "VACUUM", UNRESERVED, true},
            {"valid", "VALID", UNRESERVED, true},
            {"validate", "VALIDATE", UNRESERVED, true},
            {"validator", "VALIDATOR", UNRESERVED, true},
            {"value", "VALUE_P", UNRESERVED, true},
            {"values", "VALUES", COL_NAME, true},
            {"varchar", "VARCHAR", COL_NAME, true},
            {"variadic", "VARIADIC", RESERVED, true},
            {"varying", "VARYING", UNRESERVED, false},
            {"verbose", "VERBOSE", TYPE_FUNC_NAME, true},
            {"version", "VERSION_P", UNRESERVED, true},
            {"view", "VIEW", UNRESERVED, true},
            {"views", "VIEWS", UNRESERVED, true},
            {"volatile", "VOLATILE", UNRESERVED, true},
            {"when", "WHEN", RESERVED, true},
            {"where", "WHERE", RESERVED, false},
            {"whitespace", "WHITESPACE_P", UNRESERVED, true},
            {"window", "WINDOW", RESERVED, false},
            {"with", "WITH", RESERVED, false},
            {"within", "WITHIN", UNRESERVED, false},
            {"without", "WITHOUT", UNRESERVED, false},
            {"work", "WORK", UNRESERVED, true},
            {"wrapper", "WRAPPER", UNRESERVED, true},
            {"write", "WRITE", UNRESERVED, true},
            {"xml", "XML_P", UNRESERVED, true},
            {"xmlattributes", "XMLATTRIBUTES", COL_NAME, true},
            {"xmlconcat", "XMLCONCAT", COL_NAME, true},
            {"xmlelement", "XMLELEMENT", COL_NAME, true},
            {"xmlexists", "XMLEXISTS", COL_NAME, true},
            {"xmlforest", "XMLFOREST", COL_NAME, true},
            {"xmlnamespaces", "XMLNAMESPACES", COL_NAME, true},
            {"xmlparse", "XMLPARSE", COL_NAME, true},
            {"xmlpi", "XMLPI", COL_NAME, true},
            {"xmlroot", "XMLROOT", COL_NAME, true},
            {"xmlserialize", "XMLSERIALIZE", COL_NAME, true},
            {"xmltable", "XMLTABLE", COL_NAME, true},
            {"year", "YEAR_P", UNRESERVED, false},
            {"yes", "YES_P", UNRESERVED, true},
            {"zone", "ZONE", UNRESERVED, true},
        };
        Vocabulary vocabulary = PostgreSqlLexer.VOCABULARY;
        Map<String, Integer> typeByName = new HashMap<>();
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            String name = vocabulary.getSymbolicName(type);
            if (name != null) {
                typeByName.put(name, type);
            }
        }
        Keyword[] keywords = new Keyword[table.length];
        Map<String, Keyword> byWord = new HashMap<>(table.length * 2);
        for (int i = 0; i < table.length; i++) {
            Object[] row = table[i];
            String tokenName = (String) row[1];
            Integer type = typeByName.get(tokenName);
            if (type == null) {
                throw new IllegalStateException("keyword token " + tokenName + " missing from PostgreSqlLexer.g4");
            }
            keywords[i] = new Keyword((String) row[0], tokenName, (Category) row[2], (Boolean) row[3], type);
            byWord.put(keywords[i].word(), keywords[i]);
        }
        Keyword[] byType = new Keyword[vocabulary.getMaxTokenType() + 1];
        for (Keyword keyword : keywords) {
            byType[keyword.tokenType()] = keyword;
        }
        BY_TYPE = byType;
        ALL = List.of(keywords);
        BY_WORD = Collections.unmodifiableMap(byWord);
    }

    private PostgreSqlKeywords() {
    }

    /** All keywords, in alphabetical order. */
    public static List<Keyword> all() {
        return ALL;
    }

    /**
     * The keyword spelled {@code text} (ASCII letters in any case; other characters never match, as in
     * PostgreSQL's ScanKeywordLookup), or {@code null}.
     */
    public static Keyword lookup(CharSequence text) {
        int n = text.length();
        if (n > MAX_LENGTH) {
            return null;
        }
        char[] lower = new char[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (c >= 0x80) {
                return null;
            }
            lower[i] = c;
        }
        return BY_WORD.get(new String(lower));
    }

    /** The keyword whose token type is {@code tokenType}, or {@code null} if it is not a keyword's. */
    public static Keyword byTokenType(int tokenType) {
        return tokenType > 0 && tokenType < BY_TYPE.length ? BY_TYPE[tokenType] : null;
    }

    /** The token type of the keyword spelled {@code text}, or {@link Token#INVALID_TYPE}. */
    public static int tokenType(CharSequence text) {
        Keyword keyword = lookup(text);
        return keyword == null ? Token.INVALID_TYPE : keyword.tokenType();
    }
}
