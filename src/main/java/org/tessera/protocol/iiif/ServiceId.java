package org.tessera.protocol.iiif;

import java.util.Optional;
import org.tessera.protocol.ProtocolContext;

/**
 * The image service's base URI ({@code id} / {@code @id}, the 303 target, canonical links):
 * the X-IIIF-ID header verbatim; else BASE_URL + the identifier as sent; else the absolute URL
 * the client used, honouring X-Forwarded-Proto/-Host/-Prefix from a reverse proxy. Identifiers
 * stay percent-encoded exactly as the client sent them (iipsrv decoded twice and doubled '%').
 */
final class ServiceId {
    private ServiceId() {
    }

    /**
     * @param rawArgument   the whole IIIF argument as the router passed it (not decoded)
     * @param rawIdentifier the identifier part of it, still encoded
     */
    static String of(ProtocolContext ctx, String rawArgument, String rawIdentifier) {
        Optional<String> header = ctx.http().header("x-iiif-id").map(String::trim).filter(v -> !v.isEmpty());
        if (header.isPresent()) return stripSlash(header.get());
        String base = ctx.config().baseUrl();
        if (base != null && !base.isEmpty()) return base + rawIdentifier;
        String scheme = first(ctx.http().header("x-forwarded-proto")).orElse(ctx.http().scheme());
        String host = first(ctx.http().header("x-forwarded-host")).orElse(ctx.http().host());
        String prefix = first(ctx.http().header("x-forwarded-prefix")).map(ServiceId::stripSlash).orElse("");
        if (!prefix.isEmpty() && !prefix.startsWith("/")) prefix = "/" + prefix;
        String uri = ctx.http().requestUri();
        int at = argumentPosition(uri, rawArgument);
        String path;
        if (at >= 0) {
            path = uri.substring(0, at) + rawIdentifier;
        } else {
            // The argument came from a POST body or was rewritten: fall back to the path itself.
            path = stripSlash(ctx.http().path());
            if (path.endsWith("/info.json")) path = path.substring(0, path.length() - "/info.json".length());
        }
        return scheme + "://" + host + prefix + path;
    }

    /**
     * Where the argument sits in the request URI: an occurrence right after '=' (IIIF=…) or '/'
     * (a URI_MAP path) that runs to the end of the path or of the query parameter; -1 if none.
     */
    static int argumentPosition(String uri, String rawArgument) {
        if (rawArgument.isEmpty()) return -1;
        for (int at = uri.indexOf(rawArgument); at >= 0; at = uri.indexOf(rawArgument, at + 1)) {
            char before = at == 0 ? 0 : uri.charAt(at - 1);
            int end = at + rawArgument.length();
            char after = end < uri.length() ? uri.charAt(end) : 0;
            boolean startsRight = before == '=' || before == '/';
            boolean endsRight = after == 0 || after == '?' || after == '&' || after == '#' || after == '/';
            if (startsRight && endsRight) return at;
        }
        return -1;
    }

    private static Optional<String> first(Optional<String> headerValue) {
        return headerValue.map(v -> v.split(",")[0].trim()).filter(v -> !v.isEmpty());
    }

    private static String stripSlash(String s) {
        String r = s;
        while (r.endsWith("/")) r = r.substring(0, r.length() - 1);
        return r;
    }
}
