package io.pgserve.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ColumnFilter.test: SQL's NULL semantics and PostgreSQL's btree ordering, for tables that filter rows themselves. */
class ColumnFilterTest {
    @Test
    void nullSatisfiesOnlyIsNull() {
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.IS_NULL, null).test(null));
        assertFalse(new ColumnFilter(0, ColumnFilter.Op.IS_NULL, null).test(1));
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.IS_NOT_NULL, null).test(1));
        assertFalse(new ColumnFilter(0, ColumnFilter.Op.IS_NOT_NULL, null).test(null));
        for (ColumnFilter.Op op : new ColumnFilter.Op[] {ColumnFilter.Op.EQ, ColumnFilter.Op.NE, ColumnFilter.Op.LT}) {
            assertFalse(new ColumnFilter(0, op, 1).test(null), op.sql());
        }
    }

    @Test
    void comparesAsPostgresDoes() {
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.EQ, 0.0).test(-0.0));           // -0 = 0
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.GT, 1e300).test(Double.NaN));   // NaN after every number
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.EQ, Double.NaN).test(Double.NaN));
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.EQ, new BigDecimal("1.0")).test(new BigDecimal("1.00")));
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.LE, 5L).test(5L));
        assertFalse(new ColumnFilter(0, ColumnFilter.Op.LT, 5).test(5));
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.NE, 5).test(6));
        assertTrue(new ColumnFilter(0, ColumnFilter.Op.GE, LocalDate.of(2024, 1, 1)).test(LocalDate.of(2024, 2, 1)));
    }
}
