/**
 * Not API. The mechanics behind {@code io.pgserve.server.auth}, for the wire-protocol session: the
 * server side of SCRAM-SHA-256(-PLUS) (RFC 5802/7677, after PostgreSQL's auth-scram.c), SASLprep with
 * PostgreSQL's raw-bytes fallback, tls-server-end-point channel binding, and MD5 / cleartext checks.
 * Pure JDK; no Netty.
 */
package io.pgserve.server.internal.auth;
