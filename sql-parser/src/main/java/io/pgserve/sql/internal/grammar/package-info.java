/**
 * PostgreSQL's SQL lexer for ANTLR 4: the grammar {@code PostgreSqlLexer.g4} (in src/main/antlr4, generated at
 * build time into this package), its hand-written superclass {@link io.pgserve.sql.internal.grammar.PostgreSqlLexerBase}
 * and the keyword table {@link io.pgserve.sql.internal.grammar.PostgreSqlKeywords}. Internal: not part of the
 * public API; a parser grammar ({@code PostgreSqlParser.g4}) is meant to use it with {@code tokenVocab}.
 */
package io.pgserve.sql.internal.grammar;
