package org.tessera.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tessera.Version;
import org.tessera.config.UriMap;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;
import org.tessera.metrics.Metrics;

/**
 * In front of the router: answers the monitoring pages (Prometheus text and JSON status) on the
 * paths given to it, and records every other request in the metrics by protocol and status.
 * The pages are never on a public path unless mapped (URI_MAP {@code metrics=>metrics},
 * {@code status=>status}) or on the development listener.
 */
final class MonitoredHandler implements RequestHandler {
    private final Router router;
    private final RequestHandler next;
    private final Metrics metrics;
    private final Map<String, UriMap.Protocol> pages;

    /**
     * @param router classifies requests by protocol (its URI_MAP)
     * @param next   answers them: the router, behind whatever filters the transports' requests go through
     * @param pages  path (with leading slash, no trailing one) -> METRICS or STATUS
     */
    MonitoredHandler(Router router, RequestHandler next, Metrics metrics, Map<String, UriMap.Protocol> pages) {
        this.router = router;
        this.next = next;
        this.metrics = metrics;
        this.pages = Map.copyOf(pages);
    }

    /** The monitoring paths URI_MAP asks for. */
    static Map<String, UriMap.Protocol> mappedPages(List<UriMap> maps) {
        Map<String, UriMap.Protocol> pages = new java.util.HashMap<>();
        for (UriMap m : maps) {
            if (m.protocol().isMonitoring()) pages.putIfAbsent("/" + m.prefix(), m.protocol());
        }
        return pages;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<UriMap.Protocol> page = page(request.path());
        if (page.isPresent()) return page(page.get());
        long start = System.nanoTime();
        HttpResponse response = next.handle(request);
        long body = request.method().equals("HEAD") ? 0 : response.bodyLength();
        metrics.observe(protocol(request), response.status(), System.nanoTime() - start, body);
        return response;
    }

    /**
     * {@code /<prefix>} or anything below it: a web server can then give each instance its own
     * path (e.g. /metrics/tessera-1) to scrape it behind a balancer.
     */
    private Optional<UriMap.Protocol> page(String path) {
        for (var e : pages.entrySet()) {
            if (path.equals(e.getKey()) || path.startsWith(e.getKey() + "/")) return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    HttpResponse page(UriMap.Protocol which) {
        boolean prometheus = which == UriMap.Protocol.METRICS;
        byte[] body = prometheus ? metrics.prometheusText() : metrics.statusJson(Version.number()).getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(200, List.of(
                new Header("Content-Type", prometheus ? Metrics.prometheusContentType() : "application/json"),
                new Header("Cache-Control", "no-store"),
                new Header("Content-Length", Integer.toString(body.length))), body);
    }

    /** A small fixed set of label values: iip, iiif, deepzoom, zoomify, info (empty request), other. */
    private String protocol(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD") && !request.method().equals("POST")) {
            return "other";
        }
        String command = router.mappedRequest(request.path()).orElse(request.queryString());
        if (command.isEmpty()) return request.method().equals("POST") ? "iip" : "info";
        int eq = command.indexOf('=');
        String first = (eq < 0 ? command : command.substring(0, eq)).toLowerCase(Locale.ROOT);
        return switch (first) {
            case "iiif", "deepzoom", "zoomify" -> first;
            default -> "iip";
        };
    }
}
