package org.tessera.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.config.UriMap;
import org.tessera.http.Header;
import org.tessera.http.HttpError;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;
import org.tessera.error.ImageException;
import org.tessera.protocol.Failures;
import org.tessera.protocol.RequestExecutor;
import org.tessera.protocol.Responses;

/**
 * The single entry point of every transport: finds the request string (URI_MAP path, query
 * string, or POST body), runs it and turns every failure into a safe response. Never throws.
 */
public final class Router implements RequestHandler {
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Config config;
    private final Responses responses;
    private final RequestExecutor iip;

    /** @param iip runs request strings: IIP commands and the protocols they delegate to */
    public Router(Config config, Responses responses, RequestExecutor iip) {
        this.config = config;
        this.responses = responses;
        this.iip = iip;
    }

    public Responses responses() { return responses; }

    @Override
    public HttpResponse handle(HttpRequest request) {
        long start = System.nanoTime();
        String requestString = "";
        HttpResponse response;
        try {
            Optional<String> mapped = mappedRequest(request.path());
            if (request.method().equals("OPTIONS")) {
                response = noBody(204, true);
            } else if (!request.method().equals("GET") && !request.method().equals("HEAD")
                    && !request.method().equals("POST")) {
                response = noBody(405, false);
            } else {
                requestString = mapped.orElseGet(() -> queryOrBody(request));
                response = requestString.isEmpty() ? InfoPage.response(responses) : iip.execute(request, requestString);
            }
        } catch (HttpError | ImageException e) {
            response = Failures.response(responses, e);
            if (response.status() >= 500) {
                // the one log line of a failed request (where it was raised nothing was logged)
                log.warn("{} {} -> {} {}{}", request.method(), requestString, response.status(), e.getMessage(),
                        e.getCause() == null ? "" : " (" + e.getCause() + ")");
            } else if (config.verbosity() >= 2) {
                log.info("{} {} -> {} {}", request.method(), requestString, response.status(), e.getMessage());
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // One bad request (or one huge one) must not take the daemon down; the client learns nothing internal.
            log.error("{} {} failed", request.method(), requestString, e);
            response = responses.error(500, "Internal server error");
        }
        if (config.verbosity() >= 2) {
            log.info("{} {} {} {} bytes {} us", request.method(), requestString.isEmpty() ? request.requestUri() : requestString,
                    response.status(), response.bodyLength(), (System.nanoTime() - start) / 1000);
        }
        return response;
    }

    /**
     * URI_MAP: the raw path must be {@code /<prefix>} followed by '/' or nothing (iipsrv also
     * matches {@code /<prefix>X...}); the rest of the path becomes the command argument.
     */
    Optional<String> mappedRequest(String path) {
        for (UriMap m : config.uriMaps()) {
            String rest;
            if (m.prefix().isEmpty()) {
                rest = path.startsWith("/") ? path.substring(1) : path;
            } else {
                String p = "/" + m.prefix();
                if (!path.startsWith(p)) continue;
                if (path.length() == p.length()) rest = "";
                else if (path.charAt(p.length()) == '/') rest = path.substring(p.length() + 1);
                else continue;
            }
            // An empty rest ("/iiif/") has nothing to run: answer like an empty request.
            return Optional.of(rest.isEmpty() ? "" : command(m.protocol()) + "=" + rest);
        }
        return Optional.empty();
    }

    private static String command(UriMap.Protocol p) {
        return p == UriMap.Protocol.IIP ? "fif" : p.name().toLowerCase(Locale.ROOT);
    }

    /** The query string; for a POST without one, the form body. */
    private static String queryOrBody(HttpRequest request) {
        if (!request.queryString().isEmpty() || !request.method().equals("POST")) return request.queryString();
        String body = new String(request.body(), StandardCharsets.UTF_8);
        return body.strip();
    }

    /** 204 for OPTIONS (with CORS) and 405 for other methods (without, as iipsrv). */
    private HttpResponse noBody(int status, boolean cors) {
        List<Header> h = responses.base();
        h.add(new Header("Allow", ALLOW));
        h.add(new Header("Cache-Control", config.cacheControl()));
        h.add(new Header("Content-Length", "0"));
        if (cors) h.addAll(responses.cors());
        return new HttpResponse(status, new ArrayList<>(h), null);
    }
}
