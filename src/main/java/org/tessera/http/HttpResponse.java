package org.tessera.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A complete response: status, headers in emission order, body (the first {@code bodyLength}
 * bytes of {@code bodyBytes}). Transports add nothing but framing; a HEAD request gets the same
 * headers and no body (the transport drops it). A transport runs {@code afterSent} once it has
 * written the body or dropped it, and reads the body no more: a tile sent from a lent array gives
 * it back then.
 */
public record HttpResponse(int status, List<Header> headers, byte[] bodyBytes, int bodyLength, Runnable afterSent) {
    private static final Runnable NOTHING = () -> { };

    public HttpResponse {
        headers = List.copyOf(headers);
        bodyBytes = bodyBytes == null ? new byte[0] : bodyBytes;
        if (bodyLength < 0 || bodyLength > bodyBytes.length) {
            throw new IllegalArgumentException("body length " + bodyLength + " of " + bodyBytes.length);
        }
        afterSent = afterSent == null ? NOTHING : afterSent;
    }

    /** A response that owns its body array, which the body fills. */
    public HttpResponse(int status, List<Header> headers, byte[] body) {
        this(status, headers, body, body == null ? 0 : body.length, NOTHING);
    }

    /** The body alone: the array itself when it is exactly that long, else a copy (not for transports). */
    public byte[] body() { return bodyLength == bodyBytes.length ? bodyBytes : Arrays.copyOf(bodyBytes, bodyLength); }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public String bodyText() { return new String(bodyBytes, 0, bodyLength, StandardCharsets.UTF_8); }

    public HttpResponse withHeaders(List<Header> extra) {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(extra);
        return withHeadersReplaced(all);
    }

    /** The same status and body (and what runs after it is sent) under {@code replacement}. */
    public HttpResponse withHeadersReplaced(List<Header> replacement) {
        return new HttpResponse(status, replacement, bodyBytes, bodyLength, afterSent);
    }

    public static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
