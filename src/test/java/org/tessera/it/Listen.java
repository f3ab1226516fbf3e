package org.tessera.it;

import java.nio.file.Path;

/**
 * Where a FastCGI server listens: a loopback TCP port or a Unix-domain socket. Renders itself as
 * the server's {@code --bind} argument and as nginx's {@code fastcgi_pass}/upstream address.
 */
record Listen(String host, int port, Path socket) {
    static Listen tcp(int port) { return new Listen("127.0.0.1", port, null); }

    static Listen unix(Path socket) { return new Listen(null, 0, socket); }

    boolean isUnix() { return socket != null; }

    String bindArgument() { return isUnix() ? socket.toString() : host + ":" + port; }

    String nginxAddress() { return isUnix() ? "unix:" + socket : host + ":" + port; }

    boolean accepts() { return isUnix() ? Ports.unixAccepts(socket) : Ports.tcpAccepts(host, port); }

    @Override
    public String toString() { return nginxAddress(); }
}
