/** PostgreSQL data types as the protocol sees them. */
package io.pgserve.server.types;
