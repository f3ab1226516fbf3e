package org.tessera.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tessera.config.Config;
import org.tessera.Version;
import org.tessera.http.Header;
import org.tessera.http.HttpError;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.service.RenderedImage;

/**
 * Builds every response the protocols send, so headers are the same everywhere: Server,
 * X-Powered-By, Content-Type, Last-Modified, Cache-Control, Content-Length, CORS.
 */
public final class Responses {
    public static final String SERVER = Version.serverToken();
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Config config;
    /** The last Last-Modified formatted: tiles of one image repeat it, and formatting costs more than the rest of a tile's headers. */
    private volatile FormattedDate lastDate = new FormattedDate(Instant.EPOCH, httpDate(Instant.EPOCH));

    private record FormattedDate(Instant instant, String text) {
    }

    public Responses(Config config) {
        this.config = config;
    }

    public Config config() { return config; }

    public static String httpDate(Instant t) { return HTTP_DATE.format(t.truncatedTo(ChronoUnit.SECONDS)); }

    /** Parses an HTTP date (RFC 1123, also RFC 850 / asctime leniently); empty when unparseable. */
    public static Optional<Instant> parseHttpDate(String value) {
        String v = value.trim();
        try {
            return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.from(HTTP_DATE.parse(v)));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * 304 when the request's If-Modified-Since is at or after the image's mtime (RFC 9110; iipsrv
     * only answers 304 on exact equality, a deliberate deviation).
     */
    public Optional<HttpResponse> notModified(HttpRequest request, Instant lastModified) {
        Optional<String> ims = request.header("if-modified-since");
        if (ims.isEmpty()) return Optional.empty();
        Optional<Instant> since = parseHttpDate(ims.get());
        if (since.isEmpty() || lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since.get())) return Optional.empty();
        List<Header> h = base();
        h.add(new Header("Last-Modified", httpDate(lastModified)));
        h.add(new Header("Cache-Control", config.cacheControl()));
        return Optional.of(new HttpResponse(304, h, null));
    }

    /** A successful image. {@code filename} non-null adds Content-Disposition (CVT and IIIF regions). */
    public HttpResponse image(RenderedImage image, Instant lastModified, String filename, boolean attachment) {
        List<Header> h = base();
        h.add(new Header("Content-Type", image.format().mimeType()));
        h.add(new Header("Last-Modified", lastModified(lastModified)));
        h.add(new Header("Cache-Control", config.cacheControl()));
        if (filename != null) {
            h.add(new Header("Content-Disposition", (attachment ? "attachment" : "inline") + "; filename=\"" + filename + "\""));
        }
        return finish(200, h, image.bytes(), image.length(), image.afterSent());
    }

    private String lastModified(Instant t) {
        FormattedDate d = lastDate;
        if (!d.instant().equals(t)) {
            d = new FormattedDate(t, httpDate(t));
            lastDate = d;
        }
        return d.text();
    }

    /** A successful text document (OBJ, info.json, descriptors). */
    public HttpResponse document(String contentType, String body, Instant lastModified, String cacheControl) {
        List<Header> h = base();
        h.add(new Header("Content-Type", contentType));
        if (lastModified != null) h.add(new Header("Last-Modified", httpDate(lastModified)));
        h.add(new Header("Cache-Control", cacheControl == null ? config.cacheControl() : cacheControl));
        return finish(200, h, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A text/plain error with a one-line message. */
    public HttpResponse error(int status, String message) {
        List<Header> h = base();
        h.add(new Header("Content-Type", "text/plain; charset=utf-8"));
        h.add(new Header("Cache-Control", "no-cache"));
        return finish(status, h, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The error's status and message; a 503 also tells the client when to retry. */
    public HttpResponse error(HttpError e) {
        HttpResponse r = error(e.status(), e.getMessage());
        return e.status() == 503 ? r.withHeaders(List.of(new Header("Retry-After", "1"))) : r;
    }

    /**
     * 303 See Other to {@code location}; no CORS, as iipsrv. A target with a control character
     * (it is built from the request, e.g. a CR/LF in X-IIIF-ID) is the client's error: 400.
     */
    public HttpResponse redirect(String location) {
        if (location.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) throw HttpError.badRequest("invalid redirect target");
        List<Header> h = base();
        h.add(new Header("Location", location));
        h.add(new Header("Content-Length", "0"));
        return new HttpResponse(303, h, null);
    }

    /** CORS lines when CORS is set (same four lines iipsrv sends). */
    public List<Header> cors() {
        if (!config.corsEnabled()) return List.of();
        return List.of(
                new Header("Access-Control-Allow-Origin", config.cors()),
                new Header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                new Header("Access-Control-Allow-Headers", "Accept, Content-Type, X-Requested-With, If-Modified-Since"),
                new Header("Access-Control-Max-Age", "86400"));
    }

    /** Server and X-Powered-By, the first lines of every response. Mutable: callers append. */
    public List<Header> base() {
        List<Header> h = new ArrayList<>();
        h.add(new Header("Server", SERVER));
        h.add(new Header("X-Powered-By", "IIPImage"));
        return h;
    }

    /** Appends Content-Length and CORS and builds the response. */
    public HttpResponse finish(int status, List<Header> headers, byte[] body) {
        return finish(status, headers, body, body.length, null);
    }

    /** As {@link #finish(int, List, byte[])} for the first {@code length} bytes of {@code bytes}, running {@code afterSent} once sent. */
    private HttpResponse finish(int status, List<Header> headers, byte[] bytes, int length, Runnable afterSent) {
        headers.add(new Header("Content-Length", Integer.toString(length)));
        headers.addAll(cors());
        return new HttpResponse(status, headers, bytes, length, afterSent);
    }
}
