package org.tessera.fcgi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where the FastCGI server listens, parsed like iipsrv's {@code --bind} (libfcgi's FCGX_OpenSocket):
 * "host:port" or ":port" is TCP, any other string is a Unix socket path.
 */
public sealed interface ListenAddress {

    /** A TCP address; an empty host or "*" means every interface. */
    record Tcp(String host, int port) implements ListenAddress {
        @Override
        public ServerSocketChannel open(int backlog) throws IOException {
            InetSocketAddress address = host.isEmpty() || host.equals("*")
                    ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve listen host " + host);
            }
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(address, backlog);
                return channel;
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }

        /** True for ":PORT", "*:PORT", "0.0.0.0:PORT" and "[::]:PORT": reachable from every network. */
        public boolean everyInterface() {
            return host.isEmpty() || host.equals("*") || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        }

        @Override
        public String toString() { return host + ":" + port; }
    }

    /** A Unix domain socket; a stale socket file at the path is replaced, any other file is not. */
    record Unix(Path path) implements ListenAddress {
        @Override
        public ServerSocketChannel open(int backlog) throws IOException {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (!isSocket(path)) {
                    throw new IOException("cannot listen on " + path + ": a file that is not a socket is in the way");
                }
                Files.delete(path);
            }
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.bind(UnixDomainSocketAddress.of(path), backlog);
                return channel;
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
            }
        }

        private static boolean isSocket(Path path) throws IOException {
            try {
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                return (mode & 0170000) == 0140000;
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).isOther();
            }
        }

        @Override
        public String toString() { return path.toString(); }
    }

    /** Binds a new listening channel with this explicit backlog (the JDK default of 50 refuses bursts). */
    ServerSocketChannel open(int backlog) throws IOException;

    /**
     * Parses a bind string. As in libfcgi, the text after the first ':' must start with a non-zero
     * port number for TCP; otherwise the whole string is a socket path.
     */
    static ListenAddress parse(String bind) {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("empty listen address");
        }
        int colon = bind.indexOf(':');
        if (colon >= 0) {
            int port = leadingNumber(bind.substring(colon + 1));
            if (port > 65535) {
                throw new IllegalArgumentException("port out of range in listen address " + bind);
            }
            if (port > 0) {
                return new Tcp(bind.substring(0, colon), port);
            }
        }
        return new Unix(Path.of(bind));
    }

    /**
     * The listening socket a process manager (spawn-fcgi, mod_fcgid, lighttpd bin-path) passed as
     * file descriptor 0.
     */
    static ServerSocketChannel inherited() throws IOException {
        Channel channel = System.inheritedChannel();
        if (channel instanceof ServerSocketChannel server) {
            return server;
        }
        throw new IOException("standard input (fd 0) is not a listening socket: start the server under a FastCGI"
                + " process manager (spawn-fcgi, mod_fcgid, lighttpd) or give a --bind address");
    }

    /** Like C's atoi on a port: the leading decimal digits, 0 when there are none. */
    private static int leadingNumber(String s) {
        long n = 0;
        for (int i = 0; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && n <= 65536; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return (int) Math.min(n, 65536);
    }
}
