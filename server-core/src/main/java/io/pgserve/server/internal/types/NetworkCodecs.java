package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgInet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * inet and cidr ↔ {@link PgInet} (a plain InetAddress also encodes, with the full mask). Text input follows
 * PostgreSQL's inet_net_pton: IPv4 for inet needs all four octets unless a mask is given ({@code 10/8}); cidr
 * fills in missing octets and, without a mask, takes one from the address class ({@code 200} is
 * {@code 200.0.0.0/24}); cidr rejects bits set right of the mask. Output as inet_net_ntop: inet leaves out a full
 * mask, cidr always shows it; IPv6 with the longest run of zero groups as {@code ::}. Binary as inet_send: family
 * (2 or 3), mask bits, is_cidr, address length, address bytes.
 */
final class NetworkCodecs {
    private NetworkCodecs() {
    }

    static final ScalarCodec<PgInet> INET = new NetCodec(false);
    static final ScalarCodec<PgInet> CIDR = new NetCodec(true);

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 3;

    private static final class NetCodec extends ScalarCodec<PgInet> {
        private final boolean cidr;

        NetCodec(boolean cidr) {
            super(cidr ? "cidr" : "inet");
            this.cidr = cidr;
        }

        @Override
        PgInet coerce(Object value, CodecContext ctx) {
            if (value instanceof PgInet p) {
                if (cidr && !addressOk(p.address().getAddress(), p.prefixLength())) {
                    throw badCidr(format(p, false), "invalid cidr value: \"");
                }
                return p;
            }
            if (value instanceof InetAddress a) {
                return PgInet.of(a);
            }
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            throw wrongType(value, "io.pgserve.server.types.PgInet or java.net.InetAddress");
        }

        private static PgException badCidr(String text, String prefix) {
            return PgException.builder(SqlState.INVALID_TEXT_REPRESENTATION, prefix + text + "\"")
                    .detail("Value has bits set to right of mask.").build();
        }

        @Override
        PgInet parse(String text, CodecContext ctx) {
            boolean v6 = text.indexOf(':') >= 0;
            byte[] addr = new byte[v6 ? 16 : 4];
            int bits;
            if (v6) {
                bits = parseV6(text, addr);
            } else {
                bits = cidr ? parseCidrV4(text, addr) : parseInetV4(text, addr);
            }
            if (bits < 0 || bits > addr.length * 8) {
                throw syntax(text);
            }
            if (cidr && !addressOk(addr, bits)) {
                throw badCidr(text, "invalid cidr value: \"");
            }
            return new PgInet(address(addr), bits);
        }

        @Override
        void writeText(PgInet value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(format(value, cidr), StandardCharsets.US_ASCII);
        }

        @Override
        void writeBinary(PgInet value, ByteBuf out, CodecContext ctx) {
            byte[] addr = value.address().getAddress();
            out.writeByte(addr.length == 4 ? AF_INET : AF_INET6);
            out.writeByte(value.prefixLength());
            out.writeByte(cidr ? 1 : 0);
            out.writeByte(addr.length);
            out.writeBytes(addr);
        }

        @Override
        PgInet readBinary(ByteBuf in, CodecContext ctx) {
            if (in.readableBytes() < 4) {
                throw binaryFormat();
            }
            int family = in.readUnsignedByte();
            if (family != AF_INET && family != AF_INET6) {
                throw new PgException("22P03", "invalid address family in external \"" + sqlName + "\" value");
            }
            int max = family == AF_INET ? 32 : 128;
            int bits = in.readUnsignedByte();
            if (bits > max) {
                throw new PgException("22P03", "invalid bits in external \"" + sqlName + "\" value");
            }
            in.readByte(); // is_cidr, ignored as PostgreSQL does
            int nb = in.readUnsignedByte();
            if (nb != max / 8 || in.readableBytes() != nb) {
                throw new PgException("22P03", "invalid length in external \"" + sqlName + "\" value");
            }
            byte[] addr = new byte[nb];
            in.readBytes(addr);
            if (cidr && !addressOk(addr, bits)) {
                throw PgException.builder("22P03", "invalid external \"cidr\" value")
                        .detail("Value has bits set to right of mask.").build();
            }
            return new PgInet(address(addr), bits);
        }
    }

    /** An InetAddress for the bytes, without any lookup; 16 bytes stay IPv6 even when IPv4-mapped. */
    static InetAddress address(byte[] addr) {
        try {
            return addr.length == 4 ? InetAddress.getByAddress(null, addr) : Inet6Address.getByAddress(null, addr, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No bits set to the right of the mask. */
    static boolean addressOk(byte[] addr, int bits) {
        for (int i = 0; i < addr.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            int mask = keep == 8 ? 0 : (0xff >> keep);
            if ((addr[i] & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    /** inet_net_pton_ipv4: returns the mask bits or -1. */
    private static int parseInetV4(String s, byte[] dst) {
        int n = 0;
        int i = 0;
        int ch = at(s, i++);
        while (isDigit(ch)) {
            int tmp = 0;
            do {
                tmp = tmp * 10 + (ch - '0');
                if (tmp > 255) {
                    return -1;
                }
                ch = at(s, i++);
            } while (ch != 0 && isDigit(ch));
            if (n >= 4) {
                return -1;
            }
            dst[n++] = (byte) tmp;
            if (ch == 0 || ch == '/') {
                break;
            }
            if (ch != '.') {
                return -1;
            }
            ch = at(s, i++);
        }
        int bits = -1;
        if (ch == '/' && isDigit(at(s, i)) && n > 0) {
            ch = at(s, i++);
            bits = 0;
            do {
                bits = bits * 10 + (ch - '0');
                if (bits > 32) {
                    return -1;
                }
                ch = at(s, i++);
            } while (ch != 0 && isDigit(ch));
            if (ch != 0) {
                return -1;
            }
        }
        if (ch != 0) {
            return -1;
        }
        if (bits == -1) {
            if (n == 4) {
                bits = 32;
            } else {
                return -1;
            }
        }
        if (n == 0 || bits / 8 > n) {
            return -1;
        }
        return bits;
    }

    /** inet_cidr_pton_ipv4: returns the mask bits or -1. */
    private static int parseCidrV4(String s, byte[] dst) {
        int n = 0;
        int i = 0;
        int ch = at(s, i++);
        if (ch == '0' && (at(s, i) == 'x' || at(s, i) == 'X') && Character.digit(at(s, i + 1), 16) >= 0) {
            i++;
            int tmp = 0;
            int dirty = 0;
            while (true) {
                ch = at(s, i++);
                int d = ch != 0 && ch < 128 ? Character.digit(ch, 16) : -1;
                if (d < 0) {
                    break; // '/' or the end are checked below, anything else is an error there
                }
                tmp = dirty == 0 ? d : (tmp << 4) | d;
                if (++dirty == 2) {
                    if (n >= 4) {
                        return -1;
                    }
                    dst[n++] = (byte) tmp;
                    dirty = 0;
                }
            }
            if (dirty != 0) {
                if (n >= 4) {
                    return -1;
                }
                dst[n++] = (byte) (tmp << 4);
            }
        } else if (isDigit(ch)) {
            while (true) {
                int tmp = 0;
                do {
                    tmp = tmp * 10 + (ch - '0');
                    if (tmp > 255) {
                        return -1;
                    }
                    ch = at(s, i++);
                } while (ch != 0 && isDigit(ch));
                if (n >= 4) {
                    return -1;
                }
                dst[n++] = (byte) tmp;
                if (ch == 0 || ch == '/') {
                    break;
                }
                if (ch != '.') {
                    return -1;
                }
                ch = at(s, i++);
                if (!isDigit(ch)) {
                    return -1;
                }
            }
        } else {
            return -1;
        }
        int bits = -1;
        if (ch == '/' && isDigit(at(s, i)) && n > 0) {
            ch = at(s, i++);
            bits = 0;
            do {
                bits = Math.min(bits * 10 + (ch - '0'), 1000);
                ch = at(s, i++);
            } while (ch != 0 && isDigit(ch));
            if (ch != 0 || bits > 32) {
                return -1;
            }
        }
        if (ch != 0) {
            return -1;
        }
        if (n == 0) {
            return -1;
        }
        if (bits == -1) {
            int first = dst[0] & 0xff;
            bits = first >= 240 ? 32 : first >= 224 ? 8 : first >= 192 ? 24 : first >= 128 ? 16 : 8;
            if (bits < n * 8) {
                bits = n * 8;
            }
            if (bits == 8 && first == 224) {
                bits = 4;
            }
        }
        return bits;
    }

    /** inet_cidr_pton_ipv6 (used by both types): returns the mask bits or -1. */
    private static int parseV6(String s, byte[] dst) {
        byte[] tmp = new byte[16];
        int tp = 0;
        int colonp = -1;
        int i = 0;
        if (at(s, i) == ':') {
            if (at(s, ++i) != ':') {
                return -1;
            }
        }
        int curtok = i;
        boolean sawXdigit = false;
        int val = 0;
        int digits = 0;
        int[] bits = {-1};
        int ch;
        while ((ch = at(s, i++)) != 0) {
            int d = ch < 128 ? Character.digit(ch, 16) : -1;
            if (d >= 0) {
                val = (val << 4) | d;
                if (++digits > 4) {
                    return -1;
                }
                sawXdigit = true;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (!sawXdigit) {
                    if (colonp >= 0) {
                        return -1;
                    }
                    colonp = tp;
                    continue;
                } else if (at(s, i) == 0) {
                    return -1;
                }
                if (tp + 2 > 16) {
                    return -1;
                }
                tmp[tp++] = (byte) (val >> 8);
                tmp[tp++] = (byte) val;
                sawXdigit = false;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16 && getV4(s, curtok, tmp, tp, bits)) {
                tp += 4;
                sawXdigit = false;
                break;
            }
            if (ch == '/' && getBits(s, i, bits)) {
                break;
            }
            return -1;
        }
        if (sawXdigit) {
            if (tp + 2 > 16) {
                return -1;
            }
            tmp[tp++] = (byte) (val >> 8);
            tmp[tp++] = (byte) val;
        }
        if (bits[0] == -1) {
            bits[0] = 128;
        }
        if (colonp >= 0) {
            int n = tp - colonp;
            if (tp == 16) {
                return -1;
            }
            for (int k = 1; k <= n; k++) {
                tmp[16 - k] = tmp[colonp + n - k];
                tmp[colonp + n - k] = 0;
            }
            tp = 16;
        }
        if (tp != 16) {
            return -1;
        }
        System.arraycopy(tmp, 0, dst, 0, 16);
        return bits[0];
    }

    /** getbits: decimal 0..128 without leading zeros up to the end of the string. */
    private static boolean getBits(String s, int i, int[] bitsp) {
        int val = 0;
        int n = 0;
        int ch;
        while ((ch = at(s, i++)) != 0) {
            if (!isDigit(ch)) {
                return false;
            }
            if (n++ != 0 && val == 0) {
                return false;
            }
            val = val * 10 + (ch - '0');
            if (val > 128) {
                return false;
            }
        }
        if (n == 0) {
            return false;
        }
        bitsp[0] = val;
        return true;
    }

    /** getv4: a dotted quad (up to four octets, no leading zeros) from {@code i} to the end, maybe with /bits. */
    private static boolean getV4(String s, int i, byte[] dst, int off, int[] bitsp) {
        int o = off;
        int val = 0;
        int n = 0;
        int ch;
        while ((ch = at(s, i++)) != 0) {
            if (isDigit(ch)) {
                if (n++ != 0 && val == 0) {
                    return false;
                }
                val = val * 10 + (ch - '0');
                if (val > 255) {
                    return false;
                }
                continue;
            }
            if (ch == '.' || ch == '/') {
                if (o - off > 3) {
                    return false;
                }
                dst[o++] = (byte) val;
                if (ch == '/') {
                    return getBits(s, i, bitsp);
                }
                val = 0;
                n = 0;
                continue;
            }
            return false;
        }
        if (n == 0 || o - off > 3) {
            return false;
        }
        dst[o] = (byte) val;
        return true;
    }

    /** inet_net_ntop, plus "/bits" always for cidr. */
    static String format(PgInet value, boolean cidr) {
        byte[] a = value.address().getAddress();
        int bits = value.prefixLength();
        StringBuilder sb = new StringBuilder(48);
        if (a.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(a[i] & 0xff);
            }
            if (bits != 32 || cidr) {
                sb.append('/').append(bits);
            }
            return sb.toString();
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 7 && words[7] != 0x0001)
                    || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff)
                        .append('.').append(a[15] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        if (bits != 128 || cidr) {
            sb.append('/').append(bits);
        }
        return sb.toString();
    }
}
