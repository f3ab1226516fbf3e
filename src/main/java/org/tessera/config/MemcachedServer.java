package org.tessera.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One MEMCACHED_SERVERS entry: {@code host}, {@code host:port}, {@code [v6addr]} or
 * {@code [v6addr]:port}; the port defaults to memcached's 11211.
 */
public record MemcachedServer(String host, int port) {
    public static final int DEFAULT_PORT = 11211;

    /**
     * Parses a comma-separated list (whitespace around entries is ignored; iipsrv's libmemcached
     * also takes spaces between them). Empty means none.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<MemcachedServer> parseList(String value) {
        List<MemcachedServer> servers = new ArrayList<>();
        for (String raw : value.trim().split("[,\\s]+")) {
            if (raw.isEmpty()) continue;
            servers.add(parse(raw));
        }
        return List.copyOf(servers);
    }

    static MemcachedServer parse(String entry) {
        String host;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("'" + entry + "': missing ']'");
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new IllegalArgumentException("'" + entry + "': expected :port after ]");
                port = rest.substring(1);
            }
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0 && entry.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("'" + entry + "': write an IPv6 address as [address]:port");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            if (colon >= 0) port = entry.substring(colon + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw new IllegalArgumentException("'" + entry + "': not a host name or address");
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) throw new IllegalArgumentException("'" + entry + "': port must be 1-65535");
        }
        return new MemcachedServer(host, p);
    }

    @Override
    public String toString() { return (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }
}
