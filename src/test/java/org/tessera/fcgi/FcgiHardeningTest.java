package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;

/** What a hostile or broken peer can no longer do to the FastCGI server: kill it, starve it, or hold it. */
@Timeout(60)
class FcgiHardeningTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger bigCalls = new AtomicInteger();
    private FcgiServer server;
    private int port;

    /** Echo; "/wait" blocks until released; "/error" throws an Error as a broken handler might. */
    private final RequestHandler handler = request -> {
        seen.add(request.path());
        switch (request.path()) {
            case "/wait" -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new HttpResponse(200, List.of(new Header("Content-Type", "text/plain")), "waited".getBytes());
            }
            case "/error" -> throw new OutOfMemoryError("thrown on purpose");
            case "/big" -> bigCalls.incrementAndGet();
            default -> { }
        }
        return new EchoHandler().handle(request);
    };

    private void start(ServerSocketChannel channel, FcgiLimits limits, PeerAllowlist allowlist) throws IOException {
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        server = new FcgiServer(channel, handler, limits, allowlist);
        server.start();
    }

    private void start(FcgiLimits limits) throws IOException {
        start(loopback(), limits, PeerAllowlist.ANY);
    }

    private static ServerSocketChannel loopback() throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 64);
    }

    private static FcgiLimits limits(int connections, long pendingOutput, Duration idle, Duration write) {
        return new FcgiLimits(connections, 64, 1 << 16, 1 << 16, pendingOutput, idle, write);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) server.stop(Duration.ofSeconds(2));
    }

    private void assertServes(String path) throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, false, RawFcgiClient.get(path), new byte[0]));
            assertTrue(c.readReply(1).body().startsWith("GET " + path + "\n"));
        }
    }

    private void awaitOpenConnections(int n) throws InterruptedException {
        while (server.openConnections() != n) {
            Thread.sleep(10); // bounded by the class timeout
        }
    }

    @Test
    void anErrorInTheAcceptLoopIsSurvived() throws IOException {
        start(new FailingOnceChannel(loopback()), FcgiLimits.DEFAULT, PeerAllowlist.ANY);
        // the first accept threw an Error; the loop went on and accepts this connection
        assertServes("/after-error");
        assertServes("/again");
    }

    @Test
    void anErrorInAConnectionsReadLoopEndsOnlyThatConnection() throws Exception {
        start(new FailingOnceChannel(loopback(), false), FcgiLimits.DEFAULT, PeerAllowlist.ANY);
        try (RawFcgiClient first = RawFcgiClient.tcp(port)) {
            first.send(RawFcgiClient.request(1, false, RawFcgiClient.get("/lost"), new byte[0]));
            assertTrue(first.closedByServer(), "the connection whose read threw an Error is closed");
        }
        assertFalse(seen.contains("/lost"));
        assertServes("/next");
        awaitOpenConnections(0);
    }

    @Test
    void anErrorInTheHandlerGives500AndTheServerGoesOn() throws IOException {
        start(FcgiLimits.DEFAULT);
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, true, RawFcgiClient.get("/error"), new byte[0]));
            assertTrue(c.readReply(1).text().startsWith("Status: 500 Internal Server Error\r\n"));
            c.send(RawFcgiClient.request(2, true, RawFcgiClient.get("/same-connection"), new byte[0]));
            assertTrue(c.readReply(2).body().startsWith("GET /same-connection\n"));
        }
        assertServes("/new-connection");
    }

    @Test
    void atTheConnectionLimitTheIdlestConnectionMakesRoom() throws Exception {
        start(limits(2, 1 << 20, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        try (RawFcgiClient older = RawFcgiClient.tcp(port); RawFcgiClient newer = RawFcgiClient.tcp(port)) {
            older.send(RawFcgiClient.request(1, true, RawFcgiClient.get("/a"), new byte[0]));
            older.readReply(1);
            newer.send(RawFcgiClient.request(1, true, RawFcgiClient.get("/b"), new byte[0]));
            newer.readReply(1);
            awaitOpenConnections(2);
            assertServes("/third");
            assertTrue(older.closedByServer(), "the connection idle for longest was closed");
            newer.send(RawFcgiClient.request(2, true, RawFcgiClient.get("/still"), new byte[0]));
            assertTrue(newer.readReply(2).body().startsWith("GET /still\n"));
        }
    }

    @Test
    void atTheConnectionLimitBusyConnectionsAreKeptAndNewOnesWait() throws Exception {
        start(limits(2, 1 << 20, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        try (RawFcgiClient a = RawFcgiClient.tcp(port); RawFcgiClient b = RawFcgiClient.tcp(port)) {
            a.send(RawFcgiClient.request(1, false, RawFcgiClient.get("/wait"), new byte[0]));
            b.send(RawFcgiClient.request(1, false, RawFcgiClient.get("/wait"), new byte[0]));
            while (seen.size() < 2) {
                Thread.sleep(5);
            }
            try (RawFcgiClient third = RawFcgiClient.tcp(port)) {
                third.send(RawFcgiClient.request(1, false, RawFcgiClient.get("/third"), new byte[0]));
                Thread.sleep(300); // time in which the third request would be handled if it were not held back
                assertEquals(List.of("/wait", "/wait"), List.copyOf(seen));
                release.countDown();
                assertEquals("waited", a.readReply(1).body());
                assertEquals("waited", b.readReply(1).body());
                assertTrue(third.readReply(1).body().startsWith("GET /third\n"));
                assertEquals(List.of("/wait", "/wait", "/third"), List.copyOf(seen));
            }
        }
    }

    @Test
    void getValuesReportsTheConnectionLimit() throws IOException {
        start(limits(7, 1 << 20, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.record(Fcgi.GET_VALUES, 0, RawFcgiClient.nameValues(Map.of("FCGI_MAX_CONNS", ""))));
            assertEquals(Map.of("FCGI_MAX_CONNS", "7"), ParamsParser.decode(c.read().content()));
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        start(limits(10, 1 << 20, Duration.ofMillis(300), Duration.ofMinutes(5)));
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, true, RawFcgiClient.get("/once"), new byte[0]));
            c.readReply(1);
            assertTrue(c.closedByServer());
        }
        try (RawFcgiClient silent = RawFcgiClient.tcp(port)) {
            assertTrue(silent.closedByServer());
        }
        awaitOpenConnections(0);
    }

    @Test
    void aSlowlorisPeerIsCutOff() throws Exception {
        start(limits(10, 1 << 20, Duration.ofMillis(500), Duration.ofMinutes(5)));
        try (RawFcgiClient slow = RawFcgiClient.tcp(port)) {
            byte[] params = RawFcgiClient.nameValues(RawFcgiClient.get("/slow"));
            slow.send(RawFcgiClient.begin(1, Fcgi.RESPONDER, true));
            // one byte of the request every 100 ms: always active, never complete
            boolean cut = false;
            for (int i = 0; i < 100 && !cut; i++) {
                try {
                    slow.send(RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[] {params[i % params.length]}));
                } catch (IOException e) {
                    cut = true;
                }
                Thread.sleep(100);
                cut |= server.openConnections() == 0;
            }
            assertTrue(cut, "a request that never completes does not hold its connection forever");
        }
        assertFalse(seen.contains("/slow"));
        assertServes("/fine");
    }

    @Test
    void aPeerThatReadsNothingIsCutOffAfterTheWriteTimeout() throws Exception {
        start(limits(10, 64L << 20, Duration.ofMinutes(5), Duration.ofMillis(500)));
        try (RawFcgiClient deaf = RawFcgiClient.tcpNotReading(port)) {
            deaf.send(RawFcgiClient.request(1, true, RawFcgiClient.get("/big?" + (32 << 20)), new byte[0]));
            while (bigCalls.get() == 0) {
                Thread.sleep(5);
            }
            awaitOpenConnections(0); // the write stalled and the watchdog closed the connection
        }
        assertServes("/fine");
    }

    @Test
    void aPeerThatReadsNothingCannotMakeTheServerRenderEverything() throws Exception {
        start(limits(10, 1 << 20, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        int requests = 40;
        try (RawFcgiClient deaf = RawFcgiClient.tcpNotReading(port)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int id = 1; id <= requests; id++) {
                all.writeBytes(RawFcgiClient.request(id, true, RawFcgiClient.get("/big?" + (2 << 20)), new byte[0]));
            }
            deaf.send(all.toByteArray());
            int before = -1;
            while (bigCalls.get() != before) {
                before = bigCalls.get();
                Thread.sleep(1000); // until no further response is rendered
            }
            // 40 x 2 MB would be rendered without the cap; with it, rendering stops once the socket
            // buffers are full and 1 MB waits to be written
            assertTrue(bigCalls.get() < requests / 2, bigCalls.get() + " of " + requests + " responses rendered");
        }
        awaitOpenConnections(0);
        assertServes("/fine");
    }

    @Test
    void peersOutsideTheAllowlistAreRefused() throws IOException {
        start(loopback(), FcgiLimits.DEFAULT, PeerAllowlist.parse("192.0.2.1, 2001:db8::1"));
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, false, RawFcgiClient.get("/refused"), new byte[0]));
            assertTrue(c.closedByServer());
        } catch (IOException e) {
            // the refusal may already have reset the connection while sending: refused all the same
        }
        assertFalse(seen.contains("/refused"));
    }

    @Test
    void peersOnTheAllowlistAreServed() throws IOException {
        start(loopback(), FcgiLimits.DEFAULT, PeerAllowlist.parse("192.0.2.1,127.0.0.1"));
        assertServes("/allowed");
    }

    @Test
    void allowlistParsing() throws Exception {
        PeerAllowlist list = PeerAllowlist.parse(" 127.0.0.1 , ::1,");
        assertEquals(Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")), list.addresses());
        assertTrue(list.allows(new InetSocketAddress("127.0.0.1", 5)));
        assertTrue(list.allows(new InetSocketAddress("::1", 5)));
        assertFalse(list.allows(new InetSocketAddress("127.0.0.2", 5)));
        assertTrue(list.allows(UnixDomainSocketAddress.of("/tmp/x.sock")), "Unix socket peers are not filtered");
        assertTrue(PeerAllowlist.parse("").allowsAll());
        assertTrue(PeerAllowlist.ANY.allows(new InetSocketAddress("203.0.113.9", 5)));
        for (String bad : List.of("localhost", "example.org", "300.1.1.1", "1.2.3", "127.0.0.1/8")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerAllowlist.parse(bad));
            assertTrue(e.getMessage().contains("not an IP address"), e.getMessage());
        }
    }

    /**
     * A listening channel that fails once as an exhausted JVM might: its first accept throws an
     * Error, or (inConnection) the first accepted connection's first read does.
     */
    private static final class FailingOnceChannel extends ServerSocketChannel {
        private final ServerSocketChannel delegate;
        private final boolean inAccept;
        private boolean failed;

        FailingOnceChannel(ServerSocketChannel delegate) {
            this(delegate, true);
        }

        FailingOnceChannel(ServerSocketChannel delegate, boolean inAccept) {
            super(delegate.provider());
            this.delegate = delegate;
            this.inAccept = inAccept;
        }

        @Override
        public SocketChannel accept() throws IOException {
            if (!failed) {
                failed = true;
                if (inAccept) throw new InternalError("accept failure on purpose");
                return new FailingReads(delegate.accept());
            }
            return delegate.accept();
        }

        @Override
        public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
            delegate.bind(local, backlog);
            return this;
        }

        @Override
        public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
            delegate.setOption(name, value);
            return this;
        }

        @Override
        public <T> T getOption(SocketOption<T> name) throws IOException { return delegate.getOption(name); }

        @Override
        public Set<SocketOption<?>> supportedOptions() { return delegate.supportedOptions(); }

        @Override
        public ServerSocket socket() { return delegate.socket(); }

        @Override
        public SocketAddress getLocalAddress() throws IOException { return delegate.getLocalAddress(); }

        @Override
        protected void implCloseSelectableChannel() throws IOException { delegate.close(); }

        @Override
        protected void implConfigureBlocking(boolean block) throws IOException { delegate.configureBlocking(block); }
    }

    /** An accepted connection whose reads throw an Error. */
    private static final class FailingReads extends SocketChannel {
        private final SocketChannel delegate;

        FailingReads(SocketChannel delegate) {
            super(delegate.provider());
            this.delegate = delegate;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) { throw new InternalError("read failure on purpose"); }

        @Override
        public long read(java.nio.ByteBuffer[] dsts, int offset, int length) { throw new InternalError("read failure on purpose"); }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException { return delegate.write(src); }

        @Override
        public long write(java.nio.ByteBuffer[] srcs, int offset, int length) throws IOException {
            return delegate.write(srcs, offset, length);
        }

        @Override
        public SocketChannel bind(SocketAddress local) throws IOException {
            delegate.bind(local);
            return this;
        }

        @Override
        public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
            delegate.setOption(name, value);
            return this;
        }

        @Override
        public <T> T getOption(SocketOption<T> name) throws IOException { return delegate.getOption(name); }

        @Override
        public Set<SocketOption<?>> supportedOptions() { return delegate.supportedOptions(); }

        @Override
        public SocketChannel shutdownInput() throws IOException {
            delegate.shutdownInput();
            return this;
        }

        @Override
        public SocketChannel shutdownOutput() throws IOException {
            delegate.shutdownOutput();
            return this;
        }

        @Override
        public java.net.Socket socket() { return delegate.socket(); }

        @Override
        public boolean isConnected() { return delegate.isConnected(); }

        @Override
        public boolean isConnectionPending() { return delegate.isConnectionPending(); }

        @Override
        public boolean connect(SocketAddress remote) throws IOException { return delegate.connect(remote); }

        @Override
        public boolean finishConnect() throws IOException { return delegate.finishConnect(); }

        @Override
        public SocketAddress getRemoteAddress() throws IOException { return delegate.getRemoteAddress(); }

        @Override
        public SocketAddress getLocalAddress() throws IOException { return delegate.getLocalAddress(); }

        @Override
        protected void implCloseSelectableChannel() throws IOException { delegate.close(); }

        @Override
        protected void implConfigureBlocking(boolean block) throws IOException { delegate.configureBlocking(block); }
    }
}
