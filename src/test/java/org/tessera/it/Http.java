package org.tessera.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A minimal HTTP/1.1 client for the tests (loopback only). */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** One response: status, headers, body. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        String text() { return new String(body, StandardCharsets.UTF_8); }

        String contentType() { return header("content-type").orElse(""); }

        @Override
        public String toString() {
            String t = text();
            return "HTTP " + status + " " + headers + "\n" + (t.length() > 400 ? t.substring(0, 400) + "..." : t);
        }
    }

    static Reply get(String url) { return send("GET", url, Map.of()); }

    static Reply get(String url, Map<String, String> headers) { return send("GET", url, headers); }

    static Reply head(String url) { return send("HEAD", url, Map.of()); }

    static Reply send(String method, String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            return new Reply(-1, Map.of(), ("I/O error: " + e).getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, Map.of(), "interrupted".getBytes(StandardCharsets.UTF_8));
        }
    }
}
