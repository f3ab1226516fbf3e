package org.tessera.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DevHttpServerTest {
    private DevHttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    private static HttpResponse handle(HttpRequest r) {
        if (r.path().equals("/status")) {
            int status = Integer.parseInt(r.queryString());
            return new HttpResponse(status, List.of(new Header("X-Status", r.queryString())), new byte[0]);
        }
        if (r.path().equals("/boom")) {
            throw new IllegalStateException("on purpose");
        }
        byte[] body = (r.method() + " " + r.requestUri() + " q=" + r.queryString() + " host=" + r.host()
                + " x=" + r.header("x-test").orElse("-") + " body=" + new String(r.body(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(200, List.of(new Header("Content-Type", "text/plain"),
                new Header("Content-Length", Integer.toString(body.length)), new Header("Cache-Control", "max-age=60")), body);
    }

    @BeforeEach
    void start() throws IOException {
        server = new DevHttpServer(new InetSocketAddress("127.0.0.1", 0), DevHttpServerTest::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void getMapsTheRequestAndWritesTheResponse() throws Exception {
        var response = client.send(java.net.http.HttpRequest.newBuilder(uri("/iiif/a%20b.tif/info.json?x=1%2F2"))
                .header("X-Test", "yes").build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("GET /iiif/a%20b.tif/info.json?x=1%2F2 q=x=1%2F2 host=127.0.0.1:" + server.port()
                + " x=yes body=", response.body());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("max-age=60", response.headers().firstValue("cache-control").orElseThrow());
        assertEquals(List.of(Integer.toString(response.body().length())), response.headers().allValues("content-length"));
    }

    @Test
    void postBodyIsPassedOn() throws Exception {
        var response = client.send(java.net.http.HttpRequest.newBuilder(uri("/p"))
                .POST(BodyPublishers.ofString("data")).build(), BodyHandlers.ofString());
        assertEquals("POST /p q= host=127.0.0.1:" + server.port() + " x=- body=data", response.body());
    }

    @Test
    void aBodyOverTheCapIs413() throws Exception {
        byte[] atCap = new byte[DevHttpServer.MAX_BODY_BYTES];
        java.util.Arrays.fill(atCap, (byte) 'a');
        var ok = client.send(java.net.http.HttpRequest.newBuilder(uri("/p")).POST(BodyPublishers.ofByteArray(atCap)).build(),
                BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().endsWith("body=" + "a".repeat(DevHttpServer.MAX_BODY_BYTES)));
        byte[] over = new byte[DevHttpServer.MAX_BODY_BYTES + 1];
        var tooLarge = client.send(java.net.http.HttpRequest.newBuilder(uri("/p")).POST(BodyPublishers.ofByteArray(over)).build(),
                BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode());
        assertEquals("request body larger than " + DevHttpServer.MAX_BODY_BYTES + " bytes\n", tooLarge.body());
    }

    @Test
    void aChunkedBodyOverTheCapIs413() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            String head = Integer.toHexString(chunk.length) + "\r\n";
            // 17 chunks of 64 KB: over the 1 MB cap, with no Content-Length announcing it
            for (int i = 0; i < 17; i++) {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status);
        }
    }

    @Test
    void headHasNoBodyButKeepsContentLength() throws Exception {
        String expectedBody = "HEAD /h q= host=127.0.0.1:" + server.port() + " x=- body=";
        var response = client.send(java.net.http.HttpRequest.newBuilder(uri("/h"))
                .method("HEAD", BodyPublishers.noBody()).build(), BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(new byte[0], response.body());
        assertEquals(Integer.toString(expectedBody.length()),
                response.headers().firstValue("content-length").orElseThrow());
    }

    @Test
    void statusCodesPassThrough() throws Exception {
        for (int status : new int[] {204, 304, 400, 404, 500, 501, 503}) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(uri("/status?" + status)).build(),
                    BodyHandlers.ofByteArray());
            assertEquals(status, response.statusCode());
            assertEquals(Integer.toString(status), response.headers().firstValue("x-status").orElseThrow());
            assertEquals(0, response.body().length);
        }
    }

    @Test
    void handlerFailureBecomes500() throws Exception {
        var response = client.send(java.net.http.HttpRequest.newBuilder(uri("/boom")).build(), BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertEquals("Internal server error", response.body());
    }

    @Test
    void rawHeadResponseCarriesNoBodyBytes() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD /raw HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply);
            assertTrue(reply.endsWith("\r\n\r\n"), "no body after the headers: " + reply);
            TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line : reply.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            assertEquals(Integer.toString("HEAD /raw q= host=h x=- body=".length()), headers.get("Content-Length"));
        }
    }
}
