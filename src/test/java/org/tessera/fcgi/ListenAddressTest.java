package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ListenAddressTest {

    @Test
    void parsesLikeLibfcgi() {
        assertEquals(new ListenAddress.Tcp("127.0.0.1", 9000), ListenAddress.parse("127.0.0.1:9000"));
        assertEquals(new ListenAddress.Tcp("", 9000), ListenAddress.parse(":9000"));
        assertEquals(new ListenAddress.Tcp("localhost", 81), ListenAddress.parse("localhost:81x"));
        assertEquals(new ListenAddress.Unix(Path.of("/run/iipsrv.sock")), ListenAddress.parse("/run/iipsrv.sock"));
        assertEquals(new ListenAddress.Unix(Path.of("sock:0")), ListenAddress.parse("sock:0"));
        assertEquals(new ListenAddress.Unix(Path.of("a:b")), ListenAddress.parse("a:b"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("host:70000"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(""));
    }

    @Test
    void servesOverAUnixSocketAndReplacesAStaleOne(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("fcgi.sock");
        // a stale socket file left by a previous run
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        ListenAddress address = ListenAddress.parse(socket.toString());
        FcgiServer server = new FcgiServer(address.open(16), new EchoHandler());
        server.start();
        try (RawFcgiClient c = new RawFcgiClient(UnixDomainSocketAddress.of(socket))) {
            c.send(RawFcgiClient.request(3, true, RawFcgiClient.get("/unix?x"), "over unix".getBytes()));
            String body = c.readReply(3).body();
            assertTrue(body.startsWith("GET /unix?x\nquery=x\n"), body);
            assertTrue(body.endsWith("\nbody=over unix"), body);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void refusesToReplaceARegularFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("data.txt"), "keep me");
        IOException e = assertThrows(IOException.class, () -> ListenAddress.parse(file.toString()).open(16));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void tcpBindsWithTheGivenAddress() throws IOException {
        try (ServerSocketChannel channel = new ListenAddress.Tcp("127.0.0.1", 0).open(2048)) {
            assertTrue(channel.getLocalAddress().toString().startsWith("/127.0.0.1:"));
        }
    }
}
