/**
 * The JUnit 5 extension: {@link io.pgserve.testing.junit.PgTest} on a test class (declarative), or a
 * {@link io.pgserve.testing.junit.PgTestExtension} field with {@code @RegisterExtension} (programmatic). Depends on
 * junit-jupiter-api only.
 */
package io.pgserve.testing.junit;
