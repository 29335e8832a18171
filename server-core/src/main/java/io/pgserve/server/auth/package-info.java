/**
 * Password authentication, as PostgreSQL 15 does it: the {@link io.pgserve.server.auth.AuthMethod}s
 * a server can require, the {@link io.pgserve.server.auth.Credentials} a
 * {@link io.pgserve.server.auth.CredentialStore} keeps per user (SCRAM-SHA-256 verifiers and MD5
 * hashes in pg_authid's text forms), and {@link io.pgserve.server.auth.AuthenticationFailure}, which
 * carries PostgreSQL's SQLSTATEs and message texts. The exchanges themselves live in
 * {@code io.pgserve.server.internal.auth}.
 */
package io.pgserve.server.auth;
