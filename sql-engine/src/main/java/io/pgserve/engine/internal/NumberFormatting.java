package io.pgserve.engine.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * to_char's numeric template patterns (formatting.c's NUM_processor), the basics: 9 and 0 digits, . and D, , and
 * G, the FM fill mode, S/MI/PL/SG signs and PR; too few digit positions print #.
 */
final class NumberFormatting {
    private NumberFormatting() {
    }

    /** A double as PostgreSQL prints it in messages (no exponent for ordinary values). */
    static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static String format(Object value, String pattern) {
        BigDecimal v;
        if (value instanceof BigDecimal d) {
            v = d;
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return pattern.replaceAll("[90]", "#");
            }
            v = new BigDecimal(Double.toString(d));
        } else {
            v = BigDecimal.valueOf(((Number) value).longValue());
        }
        boolean fm = false;
        String p = pattern;
        if (p.startsWith("FM") || p.startsWith("fm")) {
            fm = true;
            p = p.substring(2);
        }
        // a leading S is written next to the number, as the implicit sign would be, but as + or -
        boolean leadingS = p.startsWith("S") || p.startsWith("s");
        if (leadingS) {
            p = p.substring(1);
        }
        String upper = p.toUpperCase(java.util.Locale.ROOT);
        boolean explicitSign = upper.contains("S") || upper.contains("MI") || upper.contains("PL")
                || upper.contains("SG");
        boolean pr = upper.endsWith("PR");
        // digit positions before and after the decimal point
        int point = -1;
        int intDigits = 0;
        int fracDigits = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = Character.toUpperCase(p.charAt(i));
            if ((c == '.' || c == 'D') && point < 0) {
                point = i;
            } else if (c == '9' || c == '0') {
                if (point < 0) {
                    intDigits++;
                } else {
                    fracDigits++;
                }
            }
        }
        boolean negative = v.signum() < 0;
        BigDecimal abs = v.abs().setScale(fracDigits, RoundingMode.HALF_UP);
        String digits = abs.toPlainString();
        String intPart = digits.contains(".") ? digits.substring(0, digits.indexOf('.')) : digits;
        String fracPart = digits.contains(".") ? digits.substring(digits.indexOf('.') + 1) : "";
        if (intPart.equals("0")) {
            intPart = "";
        }
        boolean overflow = intPart.length() > intDigits;
        StringBuilder out = new StringBuilder();
        int intIndex = intDigits; // positions left to fill, counting down
        boolean started = false;
        boolean signDone = explicitSign;
        int fracIndex = 0;
        boolean afterPoint = false;
        for (int i = 0; i < p.length(); i++) {
            char raw = p.charAt(i);
            char c = Character.toUpperCase(raw);
            if (!afterPoint && (c == '9' || c == '0')) {
                int digitPos = intIndex--; // 1-based position from the right
                char d = digitPos <= intPart.length() ? intPart.charAt(intPart.length() - digitPos) : 0;
                if (overflow) {
                    out.append('#');
                    continue;
                }
                if (d != 0 || c == '0' || started || (digitPos == 1 && intPart.isEmpty() && fracDigits == 0)) {
                    if (!started && !signDone) {
                        out.append(negative ? "-" : leadingS ? "+" : fm ? "" : " ");
                        signDone = true;
                    }
                    started = true;
                    out.append(d == 0 ? '0' : d);
                } else if (!fm) {
                    out.append(' ');
                }
            } else if (c == '.' || c == 'D') {
                if (!afterPoint) {
                    afterPoint = true;
                    if (!signDone) {
                        out.append(negative ? "-" : leadingS ? "+" : fm ? "" : " ");
                        signDone = true;
                    }
                    out.append(overflow ? '#' : '.');
                } else {
                    out.append(raw);
                }
            } else if (afterPoint && (c == '9' || c == '0')) {
                out.append(overflow ? '#' : fracPart.charAt(fracIndex));
                fracIndex++;
            } else if (c == ',' || c == 'G') {
                if (started) {
                    out.append(overflow ? '#' : ',');
                } else if (!fm) {
                    out.append(' ');
                }
            } else if (c == 'S' || (c == 'M' && i + 1 < p.length() && Character.toUpperCase(p.charAt(i + 1)) == 'I')
                    || (c == 'P' && i + 1 < p.length() && Character.toUpperCase(p.charAt(i + 1)) == 'L')
                    || (c == 'S' && i + 1 < p.length() && Character.toUpperCase(p.charAt(i + 1)) == 'G')) {
                if (c == 'S') {
                    out.append(negative ? '-' : '+');
                } else if (c == 'M') {
                    out.append(negative ? '-' : fm ? "" : " ");
                    i++;
                } else {
                    out.append(negative ? ' ' : '+');
                    i++;
                }
            } else if (c == 'P' && i + 1 < p.length() && Character.toUpperCase(p.charAt(i + 1)) == 'R') {
                i++;
            } else {
                out.append(raw);
            }
        }
        String s = out.toString();
        if (fm && fracDigits > 0) {
            // fill mode drops trailing zeros of 9 positions after the point
            int end = s.length();
            int lastPoint = s.lastIndexOf('.');
            if (lastPoint >= 0) {
                String tail = p.substring(p.toUpperCase(java.util.Locale.ROOT).lastIndexOf(p.contains("D") ? 'D'
                        : '.') + 1);
                int keep = tail.lastIndexOf('0') + 1;
                while (end > lastPoint + 1 + keep && s.charAt(end - 1) == '0') {
                    end--;
                }
                s = s.substring(0, end);
            }
        }
        if (overflow && !explicitSign && !fm) {
            s = " " + s;
        }
        if (pr) {
            s = negative ? "<" + s.trim() + ">" : fm ? s : " " + s + " ";
        }
        return s;
    }
}
