package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jr.fastcgi.impl.FastCGIHandler;
import net.jr.fastcgi.impl.RequestAdapter;
import net.jr.fastcgi.impl.ResponseAdapter;
import net.jr.fastcgi.impl.SingleConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives our server with jfastcgi, the FastCGI gateway a Java application server would use. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JFastCgiClientTest {
    private FcgiServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 64);
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        server = new FcgiServer(channel, new EchoHandler());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    /** A servlet-like request as the application server would hand it to jfastcgi. */
    private record Request(String method, String uri, String query, Map<String, String> headers, byte[] body)
            implements RequestAdapter {
        public InputStream getInputStream() { return new ByteArrayInputStream(body); }
        public String getRequestURI() { return uri; }
        public String getMethod() { return method; }
        public String getServerName() { return "app.example.org"; }
        public int getServerPort() { return 8080; }
        public String getRemoteAddr() { return "127.0.0.1"; }
        public String getRemoteUser() { return null; }
        public String getAuthType() { return null; }
        public String getProtocol() { return "HTTP/1.1"; }
        public String getQueryString() { return query; }
        public String getServletPath() { return "/iipsrv"; }
        public String getRealPath(String path) { return "/srv/www" + path; }
        public String getContextPath() { return ""; }
        public int getContentLength() { return body.length; }
        public Enumeration<String> getHeaderNames() { return Collections.enumeration(headers.keySet()); }
        public String getHeader(String name) { return headers.get(name); }
    }

    private static final class Response implements ResponseAdapter {
        int status = -1;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        public void sendError(int code) { status = code; }
        public void setStatus(int code) { status = code; }
        public void sendRedirect(String location) { headers.put("Location", location); }
        public void addHeader(String name, String value) { headers.put(name, value); }
        public OutputStream getOutputStream() { return body; }
    }

    private Response call(FastCGIHandler client, Request request) throws Exception {
        Response response = new Response();
        client.service(request, response);
        return response;
    }

    private FastCGIHandler client(boolean keepAlive) throws IOException {
        FastCGIHandler client = new FastCGIHandler();
        client.setConnectionFactory(new SingleConnectionFactory(InetAddress.getByName("127.0.0.1"), port));
        client.setKeepAlive(keepAlive);
        return client;
    }

    @Test
    void getThroughJfastcgi() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "app.example.org:8080");
        headers.put("If-Modified-Since", "Wed, 03 Jan 2024 00:00:00 GMT");
        Response r = call(client(false), new Request("GET", "/iipsrv", "IIIF=a.tif/info.json", headers, new byte[0]));
        assertEquals(200, r.status);
        assertEquals("text/plain", r.headers.get("Content-Type"));
        String body = r.body.toString(StandardCharsets.UTF_8);
        assertTrue(body.startsWith("GET /iipsrv\nquery=IIIF=a.tif/info.json\nscheme=http\nhost=app.example.org:8080\n"), body);
        assertTrue(body.contains("if-modified-since=Wed, 03 Jan 2024 00:00:00 GMT"), body);
        assertEquals(r.headers.get("Content-Length"), Integer.toString(r.body.size()));
    }

    @Test
    void postBodyAndErrorStatusThroughJfastcgi() throws Exception {
        FastCGIHandler client = client(true);
        Response posted = call(client, new Request("POST", "/iipsrv", "", Map.of("Content-Type", "text/plain"),
                "payload".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, posted.status);
        String body = posted.body.toString(StandardCharsets.UTF_8);
        assertTrue(body.startsWith("POST /iipsrv\n"), body);
        assertTrue(body.endsWith("\nbody=payload"), body);

        Response notFound = call(client, new Request("GET", "/status", "404", Map.of(), new byte[0]));
        assertEquals(404, notFound.status);
        assertEquals("404", notFound.headers.get("X-Status"));
        assertEquals(0, notFound.body.size());

        Response big = call(client, new Request("GET", "/big", "200000", Map.of(), new byte[0]));
        assertEquals(200, big.status);
        byte[] bytes = big.body.toByteArray();
        assertEquals(200_000, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            assertEquals((byte) (i * 31 + 7), bytes[i], "byte " + i);
        }
    }
}
