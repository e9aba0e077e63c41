package dev.aistorctl.inventory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may stand for a host: a DNS name (RFC 1123 labels), a dotted IPv4 address or an IPv6
 * address. Checked by syntax alone; nothing is resolved, because validation must work at a desk
 * away from the site's DNS.
 */
public final class HostAddress {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4ISH = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6ISH = Pattern.compile("[0-9A-Fa-f:.]+");

    private HostAddress() {
    }

    public static boolean isValid(String text) {
        return problem(text).isEmpty();
    }

    /** Why the text cannot name a host, or empty when it can. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of("a host name cannot be empty");
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
            // Every IPv6 address has at least two colons: one colon is a port written into the
            // address (node1:2222, 10.0.0.5:22).
            return Optional.of("'" + text + "' is a host with a port; give the port as the host's or ssh's 'port:' setting");
        }
        if (colon >= 0) {
            return ipv6(text);
        }
        if (IPV4ISH.matcher(text).matches()) {
            return isIpv4(text) ? Optional.empty()
                    : Optional.of("'" + text + "' is not a valid IPv4 address (four numbers 0-255, no leading zeros)");
        }
        if (text.length() > 253) {
            return Optional.of("host name is longer than 253 characters");
        }
        for (String label : text.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("'" + text + "' is not a valid DNS name or IP address"
                        + (label.isEmpty() ? " (empty label)" : " (label '" + label + "')"));
            }
        }
        return Optional.empty();
    }

    /**
     * The one spelling of an address: an IPv6 address in its full form (2001:db8::1 and
     * 2001:DB8:0:0::1 are the same host); anything else as written.
     */
    public static String canonical(String text) {
        if (text.indexOf(':') < 0 || ipv6(text).isPresent()) {
            return text;
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            return text;
        }
    }

    public static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0' || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> ipv6(String text) {
        String invalid = "'" + text + "' is not a valid IPv6 address";
        // Only hex digits, colons and dots reach InetAddress, so it parses a literal and never
        // falls back to a DNS lookup.
        if (!IPV6ISH.matcher(text).matches()) {
            return Optional.of(invalid);
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address ? Optional.empty() : Optional.of(invalid);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.of(invalid);
        }
    }
}
