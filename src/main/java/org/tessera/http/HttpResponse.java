package org.tessera.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A complete response: status, headers in emission order, body. Transports add nothing but
 * framing; a HEAD request gets the same headers and no body (the transport drops it).
 */
public record HttpResponse(int status, List<Header> headers, byte[] body) {
    public HttpResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public String bodyText() { return new String(body, StandardCharsets.UTF_8); }

    public HttpResponse withHeaders(List<Header> extra) {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(extra);
        return new HttpResponse(status, all, body);
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
