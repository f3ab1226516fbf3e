package org.tessera.fcgi;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * FCGI_WEB_SERVER_ADDRS as libfcgi reads it: the IP addresses of the web servers allowed to
 * connect over TCP. Empty allows every peer; Unix-socket peers are always allowed (the socket
 * file's permissions guard them). Only literal addresses are accepted, so no name is ever looked up.
 */
public record PeerAllowlist(Set<InetAddress> addresses) {
    public static final PeerAllowlist ANY = new PeerAllowlist(Set.of());

    public PeerAllowlist {
        addresses = Set.copyOf(addresses);
    }

    /**
     * Parses the comma-separated list (libfcgi takes IPv4 only; IPv6 literals are accepted too).
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP address
     */
    public static PeerAllowlist parse(String list) {
        List<InetAddress> out = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty()) out.add(literal(e));
        }
        return new PeerAllowlist(Set.copyOf(out));
    }

    public boolean allowsAll() { return addresses.isEmpty(); }

    public boolean allows(SocketAddress peer) {
        if (addresses.isEmpty()) return true;
        if (peer instanceof InetSocketAddress inet) return inet.getAddress() != null && addresses.contains(inet.getAddress());
        return peer != null; // a Unix-socket peer; null: the peer is already gone

    }

    private static InetAddress literal(String s) {
        boolean ipv4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+");
        if (ipv4) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) throw new IllegalArgumentException("'" + s + "' is not an IP address");
            }
        }
        if (!ipv4 && !ipv6) throw new IllegalArgumentException("'" + s + "' is not an IP address");
        try {
            return InetAddress.getByName(s); // a literal: parsed, never resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address");
        }
    }
}
