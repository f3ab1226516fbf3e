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
            if (contentType().startsWith("image/")) return "HTTP " + status + " " + headers + "\n<" + body.length + " bytes of image>";
            String t = text();
            return "HTTP " + status + " " + headers + "\n" + (t.length() > 400 ? t.substring(0, 400) + "..." : t);
        }
    }

    /**
     * Sends {@code target} byte for byte (no URI validation, so malformed escapes like "%%%" reach
     * the server as a hostile client would send them) over HTTP/1.0, reading until the server closes.
     */
    static Reply raw(String baseUrl, String target) {
        URI base = URI.create(baseUrl);
        return raw(baseUrl, target, Map.of("Host", base.getHost() + ":" + base.getPort()));
    }

    /** As {@link #raw(String, String)} with the given request headers (Host included). */
    static Reply raw(String baseUrl, String target, Map<String, String> requestHeaders) {
        URI base = URI.create(baseUrl);
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.0\r\n");
            requestHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) return new Reply(-1, Map.of(), all);
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, c).trim(), k -> new java.util.ArrayList<>())
                            .add(lines[i].substring(c + 1).trim());
                }
            }
            return new Reply(status, headers, java.util.Arrays.copyOfRange(all, end + 4, all.length));
        } catch (IOException | RuntimeException e) {
            return new Reply(-1, Map.of(), ("I/O error: " + e).getBytes(StandardCharsets.UTF_8));
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
