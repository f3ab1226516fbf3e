package org.tessera.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;

class ViewerHandlerTest {
    @TempDir
    Path tmp;
    private Path root;
    private final List<HttpRequest> forwarded = new ArrayList<>();
    private ViewerHandler viewer;

    @BeforeEach
    void images() throws Exception {
        root = Files.createDirectories(tmp.resolve("images"));
        Files.writeString(root.resolve("a.tif"), "x");
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("sub/deeper/b.TIFF"), "x");
        Files.writeString(root.resolve("c.jpg"), "x");
        Files.writeString(root.resolve("x<y>&\".tif"), "x");
        Files.createDirectories(root.resolve(".hidden"));
        Files.writeString(root.resolve(".hidden/d.tif"), "x");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.tif"), "x");
        Files.createSymbolicLink(root.resolve("link-dir"), outside);
        Files.createSymbolicLink(root.resolve("link-file.tif"), outside.resolve("secret.tif"));
        Files.createSymbolicLink(root.resolve("inside-link.tif"), root.resolve("a.tif"));
        viewer = new ViewerHandler(root, request -> {
            forwarded.add(request);
            return new HttpResponse(299, List.of(new Header("X-Next", "yes")), "next".getBytes(StandardCharsets.UTF_8));
        });
    }

    private static HttpRequest get(String uri) { return HttpRequest.get(uri, Map.of("host", "localhost:8080")); }

    @Test
    void listsTiffsRecursivelyWithRelativePathsAndNothingOutsideTheRoot() {
        assertEquals(List.of("a.tif", "inside-link.tif", "sub/deeper/b.TIFF", "x<y>&\".tif"), new ImageListing(root).images());
    }

    @Test
    void missingRootListsNothing() {
        assertEquals(List.of(), new ImageListing(tmp.resolve("nope")).images());
    }

    @Test
    void pageListsEveryImageEscaped() {
        HttpResponse r = viewer.handle(get("/"));
        assertEquals(200, r.status());
        assertEquals("text/html; charset=utf-8", r.header("Content-Type").orElseThrow());
        String html = r.bodyText();
        assertTrue(html.contains("data-image=\"sub/deeper/b.TIFF\""), html);
        assertTrue(html.contains(">x&lt;y&gt;&amp;&quot;.tif</a>"), html);
        assertFalse(html.contains("secret"), html);
        assertFalse(html.contains(".hidden"), html);
        assertFalse(html.contains("c.jpg"), html);
        assertTrue(html.contains("/viewer/openseadragon/openseadragon.min.js"), html);
        assertTrue(html.contains("Images (4)"), html);
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());
        assertTrue(forwarded.isEmpty());
    }

    @Test
    void imagesJsonGivesEveryProtocolUrl() {
        HttpResponse r = viewer.handle(get("/viewer/images.json"));
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
        String json = r.bodyText();
        assertTrue(json.contains("{\"id\":\"sub/deeper/b.TIFF\",\"iiif\":\"/iiif/sub/deeper/b.TIFF/info.json\","
                + "\"iiif2\":\"/iiif2/sub/deeper/b.TIFF/info.json\","
                + "\"deepzoom\":\"/fcgi-bin/iipsrv.fcgi?DeepZoom=sub/deeper/b.TIFF.dzi\","
                + "\"zoomify\":\"/fcgi-bin/iipsrv.fcgi?Zoomify=sub/deeper/b.TIFF/ImageProperties.xml\"}"), json);
        assertTrue(json.contains("\"id\":\"x\\u003cy>&\\\".tif\",\"iiif\":\"/iiif/x%3Cy%3E%26%22.tif/info.json\""), json);
        assertFalse(json.contains("secret"), json);
    }

    /** The build takes OpenSeadragon from npm as pinned in src/main/viewer/package.json: a current 6.x, never a copy in the repository. */
    @Test
    void openSeadragonIsTheVersionPinnedForTheBuild() throws Exception {
        String pinned = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/viewer/package.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"openseadragon\":\\s*\"([0-9.]+)\"").matcher(pinned);
        assertTrue(m.find(), pinned);
        assertTrue(m.group(1).startsWith("6."), "OpenSeadragon " + m.group(1));
        try (java.io.InputStream in = ViewerHandler.class.getClassLoader().getResourceAsStream("org/tessera/viewer/openseadragon/package.json")) {
            String shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(shipped.contains("\"version\": \"" + m.group(1) + "\""), shipped);
        }
        assertTrue(viewer.handle(get("/viewer/openseadragon/openseadragon.min.js")).bodyText().contains(m.group(1)));
    }

    @Test
    void servesOpenSeadragonFromTheJar() {
        HttpResponse js = viewer.handle(get("/viewer/openseadragon/openseadragon.min.js"));
        assertEquals(200, js.status());
        assertEquals("text/javascript; charset=utf-8", js.header("Content-Type").orElseThrow());
        assertTrue(js.bodyText().contains("OpenSeadragon"));
        HttpResponse png = viewer.handle(get("/viewer/openseadragon/images/home_rest.png"));
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("Content-Type").orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4));
        HttpResponse own = viewer.handle(get("/viewer/viewer.js"));
        assertEquals(200, own.status());
        assertTrue(own.bodyText().contains("tile-load-failed"));
        assertEquals("text/css; charset=utf-8", viewer.handle(get("/viewer/viewer.css")).header("Content-Type").orElseThrow());
    }

    @Test
    void refusesResourcePathsThatLeaveTheirFolder() {
        for (String uri : List.of("/viewer/openseadragon/../../../../etc/passwd", "/viewer/openseadragon/%2e%2e/openseadragon.js",
                "/viewer/openseadragon/images/../../../../../pom.properties", "/viewer/openseadragon//etc/passwd",
                "/viewer/../viewer/index.html", "/viewer/openseadragon/openseadragon.js.class", "/viewer/index.html",
                "/viewer/nothing", "/viewer/openseadragon/")) {
            HttpResponse r = viewer.handle(get(uri));
            assertEquals(404, r.status(), uri);
        }
        assertTrue(forwarded.isEmpty());
    }

    @Test
    void everythingElseGoesToTheNextHandler() {
        for (String uri : List.of("/?FIF=a.tif&OBJ=Max-size", "/iiif/a.tif/info.json", "/fcgi-bin/iipsrv.fcgi?FIF=a.tif&JTL=0,0",
                "/favicon.ico")) {
            HttpResponse r = viewer.handle(get(uri));
            assertEquals(299, r.status(), uri);
        }
        assertEquals(4, forwarded.size());
        assertEquals("/?FIF=a.tif&OBJ=Max-size", forwarded.get(0).requestUri());
    }

    @Test
    void onlyGetAndHeadOnViewerPaths() {
        HttpRequest post = new HttpRequest("POST", "/", "", "http", "localhost", "", Map.of(), new byte[0]);
        assertEquals(405, viewer.handle(post).status());
        HttpRequest head = new HttpRequest("HEAD", "/viewer/images.json", "", "http", "localhost", "", Map.of(), null);
        assertEquals(200, viewer.handle(head).status());
    }

    @Test
    void iiif2PrefixNegotiatesVersion2AndKeepsOpenSeadragonOnIt() {
        String info = "{\n  \"@context\" : \"http://iiif.io/api/image/2/context.json\",\n  \"@id\" : \"http://localhost:8080/iiif/sub/a.tif\"\n}";
        ViewerHandler v = new ViewerHandler(root, request -> {
            forwarded.add(request);
            byte[] body = info.getBytes(StandardCharsets.UTF_8);
            return new HttpResponse(200, List.of(new Header("Content-Type", "application/ld+json"),
                    new Header("Content-Length", Integer.toString(body.length))), body);
        });
        HttpResponse r = v.handle(get("/iiif2/sub/a.tif/info.json"));
        HttpRequest sent = forwarded.get(0);
        assertEquals("/iiif/sub/a.tif/info.json", sent.requestUri());
        assertEquals(ViewerHandler.V2_ACCEPT, sent.header("accept").orElseThrow());
        assertTrue(r.bodyText().contains("\"@id\" : \"http://localhost:8080/iiif2/sub/a.tif\""), r.bodyText());
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());

        forwarded.clear();
        v.handle(get("/iiif2/sub/a.tif/0,0,256,256/256,/0/default.jpg"));
        assertEquals("/iiif/sub/a.tif/0,0,256,256/256,/0/default.jpg", forwarded.get(0).requestUri());
    }

    @Test
    void redirectLocationStaysOnVersion2() {
        ViewerHandler v = new ViewerHandler(root, request -> new HttpResponse(303,
                List.of(new Header("Location", "//localhost/iiif/a.tif/info.json")), null));
        assertEquals("//localhost/iiif2/a.tif/info.json", v.handle(get("/iiif2/a.tif")).header("Location").orElseThrow());
    }
}
