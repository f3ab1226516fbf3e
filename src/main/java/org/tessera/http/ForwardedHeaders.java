package org.tessera.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Drops the forwarding headers (X-Forwarded-Host, -Proto, -Prefix and X-IIIF-ID) from requests
 * before they reach the protocols, unless the operator trusts them (TESSERA_TRUST_FORWARDED=1,
 * meaning: the web server in front sets them itself and never passes a client's own). Honoured
 * from anyone they would let a client choose the URLs in an info.json that caches then serve to
 * everybody else.
 */
public final class ForwardedHeaders implements RequestHandler {
    static final Set<String> NAMES = Set.of("x-forwarded-host", "x-forwarded-proto", "x-forwarded-prefix", "x-iiif-id");

    private final RequestHandler next;

    private ForwardedHeaders(RequestHandler next) {
        this.next = next;
    }

    /** {@code next} itself when the headers are trusted, else {@code next} behind this filter. */
    public static RequestHandler honouredOnlyIf(boolean trusted, RequestHandler next) {
        return trusted ? next : new ForwardedHeaders(next);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (request.headers().keySet().stream().noneMatch(NAMES::contains)) return next.handle(request);
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.keySet().removeAll(NAMES);
        return next.handle(new HttpRequest(request.method(), request.requestUri(), request.queryString(), request.scheme(),
                request.host(), request.scriptName(), headers, request.body()));
    }
}
