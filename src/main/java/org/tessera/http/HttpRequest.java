package org.tessera.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the web server handed it over, transport-neutral (FastCGI params or the built-in
 * HTTP listener). Header names are lower-case with dashes ("if-modified-since").
 *
 * @param requestUri  raw, not percent-decoded, including any query string (CGI REQUEST_URI)
 * @param queryString raw query string without '?', "" when absent
 * @param scheme      "http" or "https"
 * @param host        Host header value ("" when absent)
 * @param scriptName  CGI SCRIPT_NAME, e.g. "/fcgi-bin/iipsrv.fcgi" ("" when absent)
 */
public record HttpRequest(String method, String requestUri, String queryString, String scheme, String host,
                          String scriptName, Map<String, String> headers, byte[] body) {
    public HttpRequest {
        method = method == null || method.isEmpty() ? "GET" : method.toUpperCase(Locale.ROOT);
        requestUri = requestUri == null ? "" : requestUri;
        queryString = queryString == null ? "" : queryString;
        scheme = scheme == null || scheme.isEmpty() ? "http" : scheme;
        host = host == null ? "" : host;
        scriptName = scriptName == null ? "" : scriptName;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean isHead() { return method.equals("HEAD"); }

    /** Path part of the request URI (before '?'), still percent-encoded. */
    public String path() {
        int q = requestUri.indexOf('?');
        return q < 0 ? requestUri : requestUri.substring(0, q);
    }

    public static HttpRequest get(String requestUri, Map<String, String> headers) {
        int q = requestUri.indexOf('?');
        return new HttpRequest("GET", requestUri, q < 0 ? "" : requestUri.substring(q + 1), "http",
                headers.getOrDefault("host", "localhost"), "", headers, null);
    }
}
