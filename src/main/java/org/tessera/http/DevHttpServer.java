package org.tessera.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain HTTP/1.1 listener for development and demos, so the server can be tried without a web
 * server in front. It feeds the same {@link RequestHandler} as the FastCGI transport; production
 * traffic goes through FastCGI. It binds loopback unless told otherwise (see Main) and refuses
 * request bodies over {@link #MAX_BODY_BYTES} with 413 before reading them.
 */
public final class DevHttpServer {
    private static final Logger log = LoggerFactory.getLogger(DevHttpServer.class);
    /** As the FastCGI transport's STDIN cap: request bodies carry at most an IIP command string. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final RequestHandler handler;

    public DevHttpServer(InetSocketAddress address, RequestHandler handler) throws IOException {
        this.handler = handler;
        this.server = HttpServer.create(address, 2048);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    public void start() {
        server.start();
        log.info("development HTTP listener on {}", server.getAddress());
    }

    public void stop() {
        server.stop(0);
        executor.close();
    }

    public int port() { return server.getAddress().getPort(); }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<byte[]> body = readBody(exchange);
            if (body.isEmpty()) {
                log.info("refused a request body over {} bytes from {}", MAX_BODY_BYTES, exchange.getRemoteAddress());
                byte[] text = ("request body larger than " + MAX_BODY_BYTES + " bytes\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(413, text.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
                return;
            }
            HttpRequest request = toRequest(exchange, body.get());
            HttpResponse response;
            try {
                response = handler.handle(request);
            } catch (RuntimeException | Error e) {
                log.error("request handler failed for {}", request.requestUri(), e);
                response = new HttpResponse(500, List.of(new Header("Content-Type", "text/plain")),
                        "Internal server error".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try {
                send(exchange, request, response);
            } finally {
                response.afterSent().run();
            }
        }
    }

    /** The body, or empty when it is (or announces itself as) larger than the cap; never reads more than cap + 1 bytes. */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) return Optional.empty();
            } catch (NumberFormatException e) {
                // the JDK server has already refused a malformed length; nothing to decide here
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
        }
    }

    private static HttpRequest toRequest(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return new HttpRequest(exchange.getRequestMethod(), query.isEmpty() ? path : path + "?" + query, query,
                "http", headers.getOrDefault("host", ""), "", headers, body);
    }

    /**
     * The JDK server computes Content-Length itself from the length passed to sendResponseHeaders,
     * except for HEAD and 304 where it sends none: there we copy the handler's header.
     */
    private static void send(HttpExchange exchange, HttpRequest request, HttpResponse response) throws IOException {
        int status = response.status();
        boolean noBodyAllowed = request.isHead() || status == 204 || status == 304 || status < 200;
        for (Header h : response.headers()) {
            boolean contentLength = h.name().equalsIgnoreCase("Content-Length");
            if (!contentLength || (request.isHead() || status == 304) && status != 204) {
                exchange.getResponseHeaders().add(h.name(), h.value());
            }
        }
        if (request.isHead() && status != 204 && status != 304 && response.header("Content-Length").isEmpty()) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(response.bodyLength()));
        }
        int length = noBodyAllowed ? 0 : response.bodyLength();
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.bodyBytes(), 0, length);
            }
        }
    }
}
