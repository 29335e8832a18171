/**
 * Test helpers for servers built with pgserve: {@link io.pgserve.server.testing.WireRecording} reads a wire trace
 * (written by {@link io.pgserve.server.WireTrace} or by the {@code pgsniff.py} proxy in front of PostgreSQL), and
 * {@link io.pgserve.server.testing.WireReplay} sends its client messages to a running server again and reports, in a
 * {@link io.pgserve.server.testing.ReplayReport}, where the answers differ from the recorded ones.
 */
package io.pgserve.server.testing;
