package dev.till.core.webhooks;

import dev.till.domain.Problem;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps webhooks from reaching inside the network Till runs in (server-side request forgery).
 * A URL is checked when registered and its host's every address again before each attempt, since
 * DNS answers change: private, link-local (which holds the cloud metadata address 169.254.169.254),
 * unique-local, carrier-grade NAT, multicast and unspecified addresses are refused, also when an
 * IPv6 address carries one (NAT64, 6to4, IPv4-compatible), since a gateway may route it; loopback only
 * when {@link WebhookSettings#allowLoopback()} says so (the test suite's receivers). Redirects are
 * never followed, so a public URL cannot bounce a delivery inward. Thread-safe.
 */
public final class SsrfGuard {
    private final WebhookSettings settings;

    public SsrfGuard(WebhookSettings settings) {
        this.settings = settings;
    }

    /** Checks a URL a merchant registers; a name that does not resolve yet is checked at delivery. */
    public URI validate(String url, boolean testMode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Problem.invalid("url_invalid", "url", "url must be an absolute http(s) URL.").toException();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || url.length() > 2048
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw Problem.invalid("url_invalid", "url", "url must be an absolute http(s) URL without credentials, up to 2048 characters.").toException();
        }
        if (scheme.equals("http") && !testMode && !settings.allowHttp()) {
            throw Problem.invalid("url_https_required", "url", "Live endpoints must use https.").toException();
        }
        // A name that does not resolve yet (host_unresolvable) is accepted: the delivery-time check
        // refuses it if it ever resolves inward.
        if (destination(uri) instanceof Destination.Refused r && r.reason().equals("address_not_allowed")) {
            throw Problem.invalid("url_address_not_allowed", "url",
                    "url points at a private, loopback, link-local or metadata address.").toException();
        }
        return uri;
    }

    /**
     * Where an attempt to this URL may connect: every address the host resolves to now, each one
     * allowed, or why the attempt must not be made. The sender connects to these addresses, not
     * to a second lookup of the name, so a DNS answer that changes between the check and the
     * connection (rebinding) cannot point a delivery inward.
     */
    public Destination destination(URI uri) {
        try {
            List<InetAddress> addresses = List.of(InetAddress.getAllByName(host(uri)));
            for (InetAddress a : addresses) {
                if (refused(a)) return new Destination.Refused("address_not_allowed");
            }
            return new Destination.Allowed(addresses);
        } catch (UnknownHostException e) {
            return new Destination.Refused("host_unresolvable");
        }
    }

    /** Why an attempt to this URL must not be made now, if it must not. */
    public Optional<String> refusal(URI uri) {
        return destination(uri) instanceof Destination.Refused r ? Optional.of(r.reason()) : Optional.empty();
    }

    /** The verdict on one attempt's URL. */
    public sealed interface Destination {
        /** The addresses to try, in the resolver's order; never empty. */
        record Allowed(List<InetAddress> addresses) implements Destination {}

        /** {@code address_not_allowed} or {@code host_unresolvable}: recorded as the attempt's error. */
        record Refused(String reason) implements Destination {}
    }

    /** The URL's host as a resolver or a certificate names it: an IPv6 literal without its brackets. */
    static String host(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    boolean refused(InetAddress a) {
        if (a.isLoopbackAddress()) return !settings.allowLoopback();
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || first >= 240                      // "this network", reserved, broadcast
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // unique-local fc00::/7, which holds fd00:ec2::254 (AWS metadata)
            // Addresses that carry an IPv4 address a gateway may route to: judged by that address.
            if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) return true; // local-use NAT64 64:ff9b:1::/48
            if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) return refused(ipv4(b, 12)); // NAT64 64:ff9b::/96
            if (startsWith(b, 0x20, 0x02)) return refused(ipv4(b, 2)); // 6to4 2002::/16
            if (startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) return refused(ipv4(b, 12)); // IPv4-compatible ::/96
            return false;
        }
        return true;
    }

    private static boolean startsWith(byte[] address, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((address[i] & 0xff) != prefix[i]) return false;
        }
        return true;
    }

    private static InetAddress ipv4(byte[] address, int from) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(address, from, from + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible); // four bytes are always an IPv4 address
        }
    }
}
