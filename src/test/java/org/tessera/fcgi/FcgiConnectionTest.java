package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;
import org.slf4j.LoggerFactory;

@Timeout(30)
class FcgiConnectionTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private FcgiServer server;
    private int port;

    /** Echo, except "/wait" blocks until the test releases it, to hold a request in flight. */
    private final RequestHandler handler = request -> {
        if (request.path().equals("/wait")) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new HttpResponse(200, List.of(new Header("Content-Type", "text/plain")), "waited".getBytes());
        }
        return new EchoHandler().handle(request);
    };

    @BeforeEach
    void start() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 64);
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        server = new FcgiServer(channel, handler, new FcgiLimits(100, 50, 4096, 100_000));
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(Duration.ofSeconds(2));
    }

    private static Map<String, String> get(String uri) {
        return RawFcgiClient.get(uri);
    }

    @Test
    void simpleGet() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            Map<String, String> params = new HashMap<>(get("/fcgi-bin/iipsrv.fcgi?IIIF=x.tif/info.json"));
            params.put("HTTP_IF_MODIFIED_SINCE", "Mon, 01 Jan 2024 00:00:00 GMT");
            params.put("HTTPS", "on");
            c.send(RawFcgiClient.request(1, false, params, "hello".getBytes()));
            RawFcgiClient.Reply reply = c.readReply(1);
            String body = "GET /fcgi-bin/iipsrv.fcgi?IIIF=x.tif/info.json\nquery=IIIF=x.tif/info.json\nscheme=https"
                    + "\nhost=example.org\nscript=/fcgi-bin/iipsrv.fcgi"
                    + "\nheaders={content-length=5, host=example.org, if-modified-since=Mon, 01 Jan 2024 00:00:00 GMT}\nbody=hello";
            assertEquals("Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body, reply.text());
            assertEquals(0, reply.appStatus());
            assertEquals(Fcgi.REQUEST_COMPLETE, reply.protocolStatus());
            assertTrue(c.closedByServer(), "without KEEP_CONN the server closes after END_REQUEST");
        }
    }

    @Test
    void keepConnServesSeveralRequestsInTurn() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            for (int i = 0; i < 3; i++) {
                c.send(RawFcgiClient.request(1, true, get("/r" + i), new byte[0]));
                assertTrue(c.readReply(1).body().startsWith("GET /r" + i + "\n"));
            }
        }
    }

    @Test
    void interleavedRequestsOnOneConnectionEachGetTheirOwnBody() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            Map<String, String> one = new HashMap<>(get("/one?a=1"));
            one.put("CONTENT_LENGTH", "5");
            Map<String, String> two = new HashMap<>(get("/two?b=2"));
            two.put("CONTENT_LENGTH", "6");
            byte[] p1 = RawFcgiClient.nameValues(one);
            byte[] p2 = RawFcgiClient.nameValues(two);
            c.send(RawFcgiClient.begin(1, Fcgi.RESPONDER, true), RawFcgiClient.begin(2, Fcgi.RESPONDER, true),
                    RawFcgiClient.record(Fcgi.PARAMS, 2, java.util.Arrays.copyOf(p2, 7)),
                    RawFcgiClient.record(Fcgi.PARAMS, 1, p1),
                    RawFcgiClient.record(Fcgi.PARAMS, 2, java.util.Arrays.copyOfRange(p2, 7, p2.length)),
                    RawFcgiClient.record(Fcgi.PARAMS, 2, new byte[0]),
                    RawFcgiClient.record(Fcgi.STDIN, 2, "second".getBytes()),
                    RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]),
                    RawFcgiClient.record(Fcgi.STDIN, 1, "first".getBytes()),
                    RawFcgiClient.record(Fcgi.STDIN, 2, new byte[0]),
                    RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]));
            Map<Integer, RawFcgiClient.Reply> replies = c.readReplies(Map.of(1, 1, 2, 2));
            assertTrue(replies.get(1).body().startsWith("GET /one?a=1\nquery=a=1\n"), replies.get(1).body());
            assertTrue(replies.get(1).body().endsWith("\nbody=first"));
            assertTrue(replies.get(2).body().startsWith("GET /two?b=2\nquery=b=2\n"), replies.get(2).body());
            assertTrue(replies.get(2).body().endsWith("\nbody=second"));
            // the connection stays usable, and an id may be reused once its request ended
            c.send(RawFcgiClient.request(2, true, get("/three"), new byte[0]));
            assertTrue(c.readReply(2).body().startsWith("GET /three\n"));
        }
    }

    @Test
    void manyConcurrentRequestsOnOneConnection() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            Map<Integer, Integer> ids = new HashMap<>();
            for (int id = 1; id <= 20; id++) {
                all.writeBytes(RawFcgiClient.request(id, true, get("/big?" + (70_000 + id)), new byte[0]));
                ids.put(id, id);
            }
            c.send(all.toByteArray());
            Map<Integer, RawFcgiClient.Reply> replies = c.readReplies(ids);
            for (int id = 1; id <= 20; id++) {
                String text = replies.get(id).text();
                byte[] body = replies.get(id).body().getBytes(StandardCharsets.ISO_8859_1);
                assertTrue(text.startsWith("Status: 200 OK\r\n"));
                byte[] cgi = replies.get(id).stdout();
                byte[] actual = java.util.Arrays.copyOfRange(cgi, cgi.length - (70_000 + id), cgi.length);
                byte[] expected = new byte[70_000 + id];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (byte) (i * 31 + 7);
                }
                assertArrayEquals(expected, actual, "body of request " + id);
                assertTrue(body.length > 0);
            }
        }
    }

    @Test
    void headKeepsContentLengthAndDropsBody() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            Map<String, String> params = new HashMap<>(get("/big?100"));
            params.put("REQUEST_METHOD", "HEAD");
            c.send(RawFcgiClient.request(1, true, params, new byte[0]));
            assertEquals("Status: 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100\r\n\r\n",
                    c.readReply(1).text());
        }
    }

    @Test
    void handlerFailureGives500AndStderr() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, true, get("/boom"), new byte[0]));
            RawFcgiClient.Reply reply = c.readReply(1);
            assertEquals("Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nInternal server error",
                    reply.text());
            assertTrue(reply.stderr().contains("internal error"));
            c.send(RawFcgiClient.request(1, true, get("/after"), new byte[0]));
            assertTrue(c.readReply(1).body().startsWith("GET /after\n"));
        }
    }

    @Test
    void abortEndsTheRequestWithoutOutput() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, true, get("/wait"), new byte[0]));
            c.send(RawFcgiClient.record(Fcgi.ABORT_REQUEST, 1, new byte[0]));
            RawFcgiClient.Rec end = c.read();
            assertEquals(Fcgi.END_REQUEST, end.type());
            assertEquals(1, end.id());
            release.countDown();
            // the handler finishes now; its output must not appear: the next record belongs to request 2
            c.send(RawFcgiClient.request(2, true, get("/next"), new byte[0]));
            RawFcgiClient.Rec next = c.read();
            assertEquals(2, next.id());
            assertEquals(Fcgi.STDOUT, next.type());
            c.readReply(2);
        }
    }

    @Test
    void abortBeforeStdinEnds() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                    RawFcgiClient.record(Fcgi.PARAMS, 1, RawFcgiClient.nameValues(Map.of("CONTENT_LENGTH", "4"))),
                    RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]), RawFcgiClient.record(Fcgi.STDIN, 1, "ab".getBytes()),
                    RawFcgiClient.record(Fcgi.ABORT_REQUEST, 1, new byte[0]));
            RawFcgiClient.Reply reply = c.readReply(1);
            assertEquals(0, reply.stdout().length);
            assertEquals(Fcgi.REQUEST_COMPLETE, reply.protocolStatus());
            // input already in flight for the aborted request is ignored; the id can be reused
            c.send(RawFcgiClient.record(Fcgi.STDIN, 1, "cd".getBytes()), RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]),
                    RawFcgiClient.request(1, true, get("/again"), new byte[0]));
            assertTrue(c.readReply(1).body().startsWith("GET /again\n"));
        }
    }

    @Test
    void unknownRoleIsRefused() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.begin(1, 2, true), RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]),
                    RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]));
            RawFcgiClient.Reply reply = c.readReply(1);
            assertEquals(Fcgi.UNKNOWN_ROLE, reply.protocolStatus());
            assertEquals(0, reply.stdout().length);
            c.send(RawFcgiClient.request(1, true, get("/ok"), new byte[0]));
            assertTrue(c.readReply(1).body().startsWith("GET /ok\n"));
        }
    }

    @Test
    void getValuesAndUnknownManagementType() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            Map<String, String> query = new java.util.LinkedHashMap<>();
            query.put("FCGI_MAX_CONNS", "");
            query.put("FCGI_MAX_REQS", "");
            query.put("FCGI_MPXS_CONNS", "");
            query.put("NOT_A_VARIABLE", "");
            c.send(RawFcgiClient.record(Fcgi.GET_VALUES, 0, RawFcgiClient.nameValues(query)));
            RawFcgiClient.Rec result = c.read();
            assertEquals(Fcgi.GET_VALUES_RESULT, result.type());
            assertEquals(0, result.id());
            assertEquals(Map.of("FCGI_MAX_CONNS", "100", "FCGI_MAX_REQS", "50", "FCGI_MPXS_CONNS", "1"),
                    ParamsParser.decode(result.content()));
            c.send(RawFcgiClient.record(77, 0, new byte[0]));
            RawFcgiClient.Rec unknown = c.read();
            assertEquals(Fcgi.UNKNOWN_TYPE, unknown.type());
            assertArrayEquals(new byte[] {77, 0, 0, 0, 0, 0, 0, 0}, unknown.content());
        }
    }

    @Test
    void malformedRecordsCloseTheConnectionAndTheServerGoesOn() throws Exception {
        List<byte[]> malformed = List.of(
                new byte[] {2, 1, 0, 1, 0, 8, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0},
                RawFcgiClient.record(Fcgi.STDIN, 9, new byte[0]),
                concat(RawFcgiClient.begin(1, Fcgi.RESPONDER, true), RawFcgiClient.begin(1, Fcgi.RESPONDER, true)),
                concat(RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                        RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[] {9, 9, 'a'}), RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0])),
                concat(RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                        RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[3000]), RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[3000])),
                concat(RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                        RawFcgiClient.record(Fcgi.PARAMS, 1, RawFcgiClient.nameValues(Map.of("CONTENT_LENGTH", "120000"))),
                        RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]),
                        RawFcgiClient.record(Fcgi.STDIN, 1, new byte[60000]), RawFcgiClient.record(Fcgi.STDIN, 1, new byte[60000])));
        List<String> problems = List.of("unsupported FastCGI version 2", "STDIN record for unknown request 9",
                "already active", "name-value pair longer than its stream", "PARAMS stream larger than 4096 bytes",
                "STDIN stream larger than 100000 bytes");
        Logger logger = (Logger) LoggerFactory.getLogger(FcgiConnection.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            for (int i = 0; i < malformed.size(); i++) {
                try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
                    c.send(malformed.get(i));
                    assertTrue(c.closedByServer());
                }
                while (logged.list.size() < i + 1) {
                    Thread.sleep(5); // the warning is logged as the connection closes
                }
                ILoggingEvent warning = logged.list.get(i);
                assertEquals(Level.WARN, warning.getLevel());
                assertTrue(warning.getFormattedMessage().contains(problems.get(i)), warning.getFormattedMessage());
            }
        } finally {
            logger.detachAppender(logged);
        }
        assertEquals(malformed.size(), logged.list.size(), "one warning per bad connection");
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, false, get("/still-serving"), new byte[0]));
            assertTrue(c.readReply(1).body().startsWith("GET /still-serving\n"));
        }
        while (server.openConnections() > 0) {
            Thread.sleep(10); // every connection gets closed and forgotten (the class timeout bounds this)
        }
    }

    @Test
    void requestsBeyondTheLimitAreRefusedAsOverloaded() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int id = 1; id <= 51; id++) {
                out.writeBytes(RawFcgiClient.begin(id, Fcgi.RESPONDER, true));
            }
            c.send(out.toByteArray());
            RawFcgiClient.Reply refused = c.readReply(51);
            assertEquals(Fcgi.OVERLOADED, refused.protocolStatus());
            // the 50 admitted requests are still served
            c.send(RawFcgiClient.record(Fcgi.PARAMS, 7, RawFcgiClient.nameValues(get("/seven"))),
                    RawFcgiClient.record(Fcgi.PARAMS, 7, new byte[0]));
            assertTrue(c.readReply(7).body().startsWith("GET /seven\n"));
        }
    }

    @Test
    void truncatedRecordClosesTheConnection() throws IOException {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            byte[] begin = RawFcgiClient.begin(1, Fcgi.RESPONDER, true);
            c.send(java.util.Arrays.copyOf(begin, 11));
            c.shutdownOutput();
            assertTrue(c.closedByServer());
        }
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, false, get("/fine"), new byte[0]));
            assertTrue(c.readReply(1).body().startsWith("GET /fine\n"));
        }
    }

    @Test
    void stopLetsInFlightRequestsFinish() throws Exception {
        try (RawFcgiClient c = RawFcgiClient.tcp(port)) {
            c.send(RawFcgiClient.request(1, true, get("/wait"), new byte[0]));
            // a second request proves the first one has been read before stop begins
            c.send(RawFcgiClient.request(2, true, get("/quick"), new byte[0]));
            assertTrue(c.readReply(2).body().startsWith("GET /quick\n"));
            Thread stopper = Thread.ofVirtual().start(() -> server.stop(Duration.ofSeconds(20)));
            while (canConnect()) {
                Thread.sleep(5); // until stop has closed the listener
            }
            release.countDown();
            assertEquals("waited", c.readReply(1).body());
            stopper.join();
            assertTrue(c.closedByServer());
            assertFalse(server.requestsServed() < 2);
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void stopClosesIdleConnections() throws IOException {
        try (RawFcgiClient idle = RawFcgiClient.tcp(port)) {
            idle.send(RawFcgiClient.request(1, true, get("/once"), new byte[0]));
            idle.readReply(1);
            server.stop(Duration.ofSeconds(5));
            assertTrue(idle.closedByServer());
            assertEquals(0, server.openConnections());
            assertFalse(canConnect());
        }
    }

    private boolean canConnect() {
        try {
            RawFcgiClient.tcp(port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
