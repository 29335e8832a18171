/**
 * Wire tracing: the pipeline handler behind {@link io.pgserve.server.WireTrace}, its independent framer, the line
 * notation ({@link io.pgserve.server.internal.trace.TraceFormat}, Python-literal values in
 * {@link io.pgserve.server.internal.trace.PyLiteral}) and its inverse for replay
 * ({@link io.pgserve.server.internal.trace.TraceEncoder}). Not an API.
 */
package io.pgserve.server.internal.trace;
