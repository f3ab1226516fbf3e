package org.tessera.viewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;
import org.tessera.protocol.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A viewer a person can look at, for the built-in HTTP listener: {@code /} lists the TIFF images
 * under the image root, each opening in OpenSeadragon over IIIF 3 (default), IIIF 2, DeepZoom or
 * Zoomify. Serves {@code /viewer/images.json}, {@code /viewer/*} (page script, style, and
 * OpenSeadragon from its webjar) and bridges {@code /<iiif>2/...} to IIIF with version 2 negotiated
 * (OpenSeadragon cannot send an Accept header). Everything else goes to {@code next}.
 */
public final class ViewerHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerHandler.class);
    static final String IIP_ENDPOINT = "/fcgi-bin/iipsrv.fcgi";
    static final String V2_ACCEPT = "application/ld+json;profile=\"http://iiif.io/api/image/2/context.json\"";

    private final ImageListing listing;
    private final RequestHandler next;
    private final String iiifPrefix;
    private final StaticResources resources;

    public ViewerHandler(Path imageRoot, RequestHandler next) {
        this(imageRoot, next, "iiif");
    }

    /** @param iiifPrefix the URI_MAP prefix mapped to IIIF (without slashes), e.g. "iiif" */
    public ViewerHandler(Path imageRoot, RequestHandler next, String iiifPrefix) {
        this.listing = new ImageListing(imageRoot);
        this.next = next;
        this.iiifPrefix = iiifPrefix;
        this.resources = new StaticResources(ViewerHandler.class.getClassLoader());
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String path = request.path();
        boolean page = (path.equals("/") || path.equals("/index.html")) && request.queryString().isEmpty();
        boolean viewer = path.startsWith("/viewer/");
        if (path.startsWith("/" + iiifPrefix + "2/")) return iiifVersion2(request);
        if (!page && !viewer) return next.handle(request);
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return respond(405, "text/plain; charset=utf-8", "Method not allowed\n".getBytes(StandardCharsets.UTF_8),
                    List.of(new Header("Allow", "GET, HEAD")));
        }
        if (page) return page();
        String name = path.substring("/viewer/".length());
        if (name.equals("images.json")) return imagesJson();
        if (name.startsWith("openseadragon/")) {
            return resources.openSeadragon(name.substring("openseadragon/".length()))
                    .map(r -> respond(200, r.contentType(), r.data(), List.of(new Header("Cache-Control", "max-age=86400"))))
                    .orElseGet(ViewerHandler::notFound);
        }
        if (name.equals("viewer.js") || name.equals("viewer.css")) {
            return resources.own(name).map(r -> respond(200, r.contentType(), r.data(), List.of(new Header("Cache-Control", "no-cache"))))
                    .orElseGet(ViewerHandler::notFound);
        }
        return notFound();
    }

    private HttpResponse page() {
        List<String> images = listing.images();
        String template = resources.own("index.html").map(r -> new String(r.data(), StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("viewer page template missing from the jar"));
        StringBuilder items = new StringBuilder();
        for (String id : images) {
            String hash = "#image=" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            items.append("      <li><a class=\"image\" href=\"").append(escape(hash)).append("\" data-image=\"").append(escape(id))
                    .append("\">").append(escape(id)).append("</a></li>\n");
        }
        if (images.isEmpty()) items.append("      <li class=\"empty\">No .tif/.tiff images under the image folder.</li>\n");
        String html = template.replace("{{IMAGES}}", items.toString())
                .replace("{{COUNT}}", Integer.toString(images.size()))
                .replace("{{IIIF}}", escape("/" + iiifPrefix))
                .replace("{{IIP}}", IIP_ENDPOINT);
        return respond(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), List.of(new Header("Cache-Control", "no-cache")));
    }

    private HttpResponse imagesJson() {
        StringBuilder json = new StringBuilder("{\"images\":[");
        List<String> images = listing.images();
        for (int i = 0; i < images.size(); i++) {
            String id = images.get(i);
            String enc = encodePath(id);
            json.append(i == 0 ? "" : ",").append("\n  {\"id\":").append(jsonString(id))
                    .append(",\"iiif\":").append(jsonString("/" + iiifPrefix + "/" + enc + "/info.json"))
                    .append(",\"iiif2\":").append(jsonString("/" + iiifPrefix + "2/" + enc + "/info.json"))
                    .append(",\"deepzoom\":").append(jsonString(IIP_ENDPOINT + "?DeepZoom=" + enc + ".dzi"))
                    .append(",\"zoomify\":").append(jsonString(IIP_ENDPOINT + "?Zoomify=" + enc + "/ImageProperties.xml"))
                    .append('}');
        }
        json.append("\n]}\n");
        return respond(200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8), List.of(new Header("Cache-Control", "no-cache")));
    }

    /**
     * /iiif2/X is answered as /iiif/X with a v2 Accept header; info.json's @id and a 303 Location
     * are pointed back at /iiif2/ so OpenSeadragon's tile requests stay on version 2 as well.
     */
    private HttpResponse iiifVersion2(HttpRequest request) {
        String from = "/" + iiifPrefix + "2/";
        String to = "/" + iiifPrefix + "/";
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("accept", V2_ACCEPT);
        HttpRequest v2 = new HttpRequest(request.method(), to + request.requestUri().substring(from.length()),
                request.queryString(), request.scheme(), request.host(), request.scriptName(), headers, request.body());
        HttpResponse r = next.handle(v2);
        List<Header> out = new ArrayList<>();
        byte[] body = r.body();
        if (r.status() == 200 && v2.path().endsWith("/info.json")) {
            body = pointIdAt(new String(body, StandardCharsets.UTF_8), to, from).getBytes(StandardCharsets.UTF_8);
        }
        for (Header h : r.headers()) {
            if (h.name().equalsIgnoreCase("Content-Length")) {
                out.add(new Header(h.name(), Integer.toString(body.length)));
            } else if (h.name().equalsIgnoreCase("Location")) {
                out.add(new Header(h.name(), replaceLast(h.value(), to, from)));
            } else {
                out.add(h);
            }
        }
        return new HttpResponse(r.status(), out, body);
    }

    private static final Pattern ID = Pattern.compile("(\"@?id\"\\s*:\\s*\")([^\"]*)(\")");

    static String pointIdAt(String json, String from, String to) {
        Matcher m = ID.matcher(json);
        if (!m.find()) return json;
        return json.substring(0, m.start(2)) + replaceLast(m.group(2), from, to) + json.substring(m.end(2));
    }

    private static String replaceLast(String s, String from, String to) {
        int i = s.lastIndexOf(from);
        return i < 0 ? s : s.substring(0, i) + to + s.substring(i + from.length());
    }

    private static HttpResponse notFound() {
        return respond(404, "text/plain; charset=utf-8", "Not found\n".getBytes(StandardCharsets.UTF_8), List.of());
    }

    private static HttpResponse respond(int status, String type, byte[] body, List<Header> extra) {
        List<Header> h = new ArrayList<>();
        h.add(new Header("Server", Responses.SERVER));
        h.add(new Header("Content-Type", type));
        h.addAll(extra);
        h.add(new Header("Content-Length", Integer.toString(body.length)));
        if (status >= 400) LOG.debug("viewer: {} {}", status, type);
        return new HttpResponse(status, h, body);
    }

    /** Percent-encodes each path segment of an identifier, keeping the '/' separators. */
    static String encodePath(String id) {
        List<String> parts = new ArrayList<>();
        for (String p : id.split("/", -1)) parts.add(URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20"));
        return String.join("/", parts);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c"); // safe to embed in HTML too
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
