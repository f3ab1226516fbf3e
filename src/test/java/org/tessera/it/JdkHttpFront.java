package org.tessera.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;

/**
 * Test-only HTTP front for a {@link RequestHandler} (the JDK's built-in server on 127.0.0.1:0).
 * Lets the viewer page be tried in a browser today against the reference iipsrv, before
 * Tessera's own listener exists.
 */
final class JdkHttpFront implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    JdkHttpFront(RequestHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> serve(exchange, handler));
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    private static void serve(HttpExchange ex, RequestHandler handler) throws IOException {
        try (ex) {
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            String uri = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            HttpRequest req = new HttpRequest(ex.getRequestMethod(), uri, ex.getRequestURI().getRawQuery(), "http",
                    headers.getOrDefault("host", ""), "", headers, ex.getRequestBody().readAllBytes());
            HttpResponse r = handler.handle(req);
            for (Header h : r.headers()) {
                if (!h.name().equalsIgnoreCase("Content-Length")) ex.getResponseHeaders().add(h.name(), h.value());
            }
            boolean noBody = req.isHead() || r.status() == 304 || r.status() == 204 || r.body().length == 0;
            ex.sendResponseHeaders(r.status(), noBody ? -1 : r.body().length);
            if (!noBody) ex.getResponseBody().write(r.body());
        }
    }

    /** A handler that forwards GETs to {@code baseUrl} (e.g. nginx), keeping Host and Accept. */
    static RequestHandler proxyTo(String baseUrl) {
        return request -> {
            Map<String, String> h = new HashMap<>();
            h.put("Host", request.host());
            request.header("accept").ifPresent(a -> h.put("Accept", a));
            Http.Reply r = Http.raw(baseUrl, request.requestUri(), h);
            List<Header> out = new java.util.ArrayList<>();
            r.headers().forEach((k, vs) -> {
                if (!List.of("connection", "transfer-encoding", "date", "content-length").contains(k.toLowerCase(Locale.ROOT))) {
                    vs.forEach(v -> out.add(new Header(k, v)));
                }
            });
            return new HttpResponse(r.status() < 0 ? 502 : r.status(), out, r.body());
        };
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
