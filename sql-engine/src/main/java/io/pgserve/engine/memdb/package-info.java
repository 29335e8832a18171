/** memdb: a transactional in-memory table store (MVCC row versions, READ COMMITTED). */
package io.pgserve.engine.memdb;
