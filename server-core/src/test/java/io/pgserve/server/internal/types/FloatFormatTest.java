package io.pgserve.server.internal.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixed-point shortcut of float8 output gives exactly what the exact (BigDecimal) search gives, and applies to
 * the values a result usually holds.
 */
@Timeout(120)
class FloatFormatTest {
    /** Where the shortcut answers, it agrees with the exact search; counts how often it answered. */
    private static int check(double v) {
        FloatFormat.Digits fast = FloatFormat.shortestDigitsFixedPoint(v, exponentOf(v));
        if (fast == null) {
            return 0;
        }
        assertEquals(FloatFormat.shortestDigitsExact(v, false), fast, () -> "value " + v + " (bits "
                + Long.toHexString(Double.doubleToRawLongBits(v)) + ")");
        return 1;
    }

    private static int exponentOf(double v) {
        return (int) Math.floor(Math.log10(v));
    }

    @Test
    void thirdsAsTheStreamingBenchmarkSendsThem() {
        int answered = 0;
        for (int i = 1; i <= 200_000; i++) {
            answered += check(i / 3.0);
        }
        assertTrue(answered > 150_000, "the shortcut answered only " + answered + " of 200,000");
    }

    @Test
    void randomValuesInTheShortcutsRange() {
        SplittableRandom random = new SplittableRandom(8);
        int answered = 0;
        for (int i = 0; i < 300_000; i++) {
            // uniform in the exponent, uniform in the mantissa: every digit length and rounding case
            double v = Math.scalb(1.0 + random.nextDouble(), random.nextInt(-4, 53));
            answered += check(v);
            answered += check(Math.nextUp(v));
            answered += check(Math.nextDown(v));
        }
        assertTrue(answered > 600_000, "the shortcut answered only " + answered);
    }

    @Test
    void shortDecimalsAndTies() {
        // decimals with few digits (their doubles sit next to them), and values at 0.5-ulp boundaries
        for (long n = 1; n < 100_000; n++) {
            check(n / 1000.0);
            check(n * 0.1);
            check(n + 0.5);
        }
        check(0.1);
        check(0.30000000000000004);
        check(9007199254740991.0);
        check(4503599627370497.5);
        check(0.9999999999999999);
        check(9.999999999999998);
    }

    @Test
    void float8TextMatchesPostgresForSomeKnownValues() {
        // PostgreSQL 15 (extra_float_digits = 1): SELECT 1 / 3.0::float8, 4 / 3.0::float8, 0.1::float8 + 0.2::float8...
        assertEquals("0.3333333333333333", FloatFormat.float8(1 / 3.0, 1));
        assertEquals("1.3333333333333333", FloatFormat.float8(4 / 3.0, 1));
        assertEquals("0.30000000000000004", FloatFormat.float8(0.1 + 0.2, 1));
        assertEquals("333333.3333333333", FloatFormat.float8(1_000_000 / 3.0, 1));
        assertEquals("1e+16", FloatFormat.float8(1e16, 1));
        assertEquals("123456.789", FloatFormat.float8(123456.789, 1));
    }
}
