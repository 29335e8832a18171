package io.pgserve.server.types;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A value of PostgreSQL's {@code inet} or {@code cidr} type: an IPv4 or IPv6 address with a netmask length.
 *
 * <p>For {@code inet} the address may have bits set to the right of the mask ({@code 192.168.0.1/24} is a host in
 * its network); for {@code cidr} it may not ({@code 192.168.0.0/24}). A plain {@link InetAddress} is the same as a
 * {@code PgInet} with the full mask (32 or 128).
 *
 * <pre>{@code
 * PgInet host = new PgInet(InetAddress.getByName("192.168.0.1"), 24);   // inet '192.168.0.1/24'
 * PgInet net = PgInet.of(InetAddress.getByName("::1"));                // inet '::1' (mask 128)
 * }</pre>
 *
 * @param address      the address: an {@link Inet4Address} for IPv4, an {@link java.net.Inet6Address} for IPv6
 *                     (decoded IPv4-mapped addresses such as {@code ::ffff:1.2.3.4} stay IPv6, as in PostgreSQL)
 * @param prefixLength the netmask length: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record PgInet(InetAddress address, int prefixLength) {

    public PgInet {
        Objects.requireNonNull(address, "address");
        int max = maxPrefixLength(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not between 0 and " + max
                    + " for " + address.getHostAddress());
        }
    }

    /** The address with its full mask (32 for IPv4, 128 for IPv6). */
    public static PgInet of(InetAddress address) {
        return new PgInet(address, maxPrefixLength(address));
    }

    /** Whether this is an IPv4 address (PostgreSQL's family 2, else 3 for IPv6). */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** Whether the prefix length is the full width of the address, which inet's text form leaves out. */
    public boolean isFullMask() {
        return prefixLength == maxPrefixLength(address);
    }

    private static int maxPrefixLength(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }
}
