/**
 * PostgreSQL SQL text: the lexer-based statement splitter and classifier.
 *
 * <pre>{@code
 * for (RawStatement st : SqlSplitter.split("BEGIN; SELECT 1; COMMIT")) {
 *     System.out.println(st.kind() + " " + st.commandTag() + " at " + st.offset());
 * }
 * }</pre>
 */
package io.pgserve.sql;
