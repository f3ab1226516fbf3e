package org.tessera.fcgi;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tessera.http.HttpRequest;

/** Turns the CGI variables and STDIN of a FastCGI request into the transport-neutral {@link HttpRequest}. */
public final class CgiRequests {
    private CgiRequests() {}

    public static HttpRequest toHttpRequest(Map<String, String> params, byte[] stdin) {
        String query = params.getOrDefault("QUERY_STRING", "");
        String scheme = isHttps(params) ? "https" : "http";
        Map<String, String> headers = new HashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("HTTP_") && name.length() > 5) {
                headers.put(name.substring(5).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
        putIfPresent(headers, "content-type", params.get("CONTENT_TYPE"));
        putIfPresent(headers, "content-length", params.get("CONTENT_LENGTH"));
        return new HttpRequest(params.get("REQUEST_METHOD"), requestUri(params, query), query, scheme,
                host(params, scheme), params.getOrDefault("SCRIPT_NAME", ""), headers, stdin);
    }

    private static String requestUri(Map<String, String> params, String query) {
        String uri = params.get("REQUEST_URI");
        if (uri != null && !uri.isEmpty()) {
            return uri;
        }
        String path = params.getOrDefault("SCRIPT_NAME", "") + params.getOrDefault("PATH_INFO", "");
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static boolean isHttps(Map<String, String> params) {
        String https = params.getOrDefault("HTTPS", "");
        return !https.isEmpty() && !https.equalsIgnoreCase("off")
                || "https".equalsIgnoreCase(params.get("REQUEST_SCHEME"));
    }

    /** HTTP_HOST, else SERVER_NAME with SERVER_PORT unless that port is the scheme's default. */
    private static String host(Map<String, String> params, String scheme) {
        String host = params.get("HTTP_HOST");
        if (host != null && !host.isEmpty()) {
            return host;
        }
        String name = params.getOrDefault("SERVER_NAME", "");
        String port = params.getOrDefault("SERVER_PORT", "");
        boolean defaultPort = port.isEmpty() || scheme.equals("http") && port.equals("80")
                || scheme.equals("https") && port.equals("443");
        return name.isEmpty() || defaultPort ? name : name + ":" + port;
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isEmpty()) {
            headers.put(name, value);
        }
    }
}
