package org.tessera.protocol.iiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.testing.PatternSource;
import org.tessera.format.OutputFormat;
import org.tessera.image.TileAddress;

/** Identifiers, redirects, headers and the tile URLs real viewers send. */
class IiifRoutingTest {
    Harness h;
    IiifHandler handler = new IiifHandler(org.tessera.format.OutputFormats.of(OutputFormat.JPEG, OutputFormat.PNG));

    @BeforeEach
    void setUp() {
        h = new Harness();
        h.images.put("a.tif", new PatternSource(1000, 700, 4, 256));
        h.images.put("sub/b.tif", new PatternSource(300, 200, 2, 256));
        h.images.put("x%20y.tif", new PatternSource(64, 64, 1, 256));
        h.images.put("stack.tif", new PatternSource(300, 200, 2, 256, 3, Map.of(), 0));
    }

    HttpResponse path(String arg) {
        return h.call(handler, arg, "/iiif/" + arg, Map.of());
    }

    @Test
    void bareIdentifierRedirectsToInfoJson() {
        HttpResponse r = path("a.tif");
        assertEquals(303, r.status());
        assertEquals("http://example.org/iiif/a.tif/info.json", r.header("Location").orElseThrow());
        r = h.call(handler, "a.tif", "/fcgi-bin/iipsrv.fcgi?IIIF=a.tif", Map.of());
        assertEquals("http://example.org/fcgi-bin/iipsrv.fcgi?IIIF=a.tif/info.json", r.header("Location").orElseThrow());
        r = path("sub%2Fb.tif");
        assertEquals("http://example.org/iiif/sub%2Fb.tif/info.json", r.header("Location").orElseThrow());
        r = path("sub/b.tif"); // a raw slash in a bare identifier is still a base URI
        assertEquals(303, r.status());
        assertEquals("http://example.org/iiif/sub/b.tif/info.json", r.header("Location").orElseThrow());
        r = h.call(handler, "a.tif", "/iiif/a.tif", Map.of("x-forwarded-proto", "https"));
        assertEquals("https://example.org/iiif/a.tif/info.json", r.header("Location").orElseThrow());
    }

    @Test
    void aLineBreakInTheRedirectTargetIsABadRequest() {
        for (String id : new String[] {"http://x.org/a\r\nSet-Cookie: s=1", "http://x.org/a\nb", "http://x.org/\u0000a"}) {
            HttpResponse r = h.call(handler, "a.tif", "/iiif/a.tif", Map.of("x-iiif-id", id));
            assertEquals(400, r.status(), id);
            assertEquals("invalid redirect target\n", r.bodyText());
            assertTrue(r.header("Location").isEmpty());
        }
    }

    @Test
    void identifiersMayContainSlashesRawOrEncoded() {
        assertEquals(200, path("sub/b.tif/full/max/0/default.jpg").status());
        assertEquals("sub/b.tif", h.renderer.last().identifier());
        assertEquals(200, path("sub%2Fb.tif/full/max/0/default.jpg").status());
        assertEquals("sub/b.tif", h.renderer.last().identifier());
        assertEquals(200, path("sub%2fb.tif/info.json").status());
        assertEquals(404, path("a.tif/extra/full/max/0/default.jpg").status());
    }

    @Test
    void percentEncodingIsDecodedExactlyOnce() {
        assertEquals(200, path("x%2520y.tif/full/max/0/default.jpg").status());
        assertEquals("x%20y.tif", h.renderer.last().identifier());
        assertEquals(400, path("a%00.tif/full/max/0/default.jpg").status());
    }

    @Test
    void delimiterSelectsThePage() {
        h.with("iiifDelimiter", "::");
        assertEquals(200, path("stack.tif::2/full/max/0/default.jpg").status());
        assertEquals("stack.tif", h.renderer.last().identifier());
        assertEquals(2, h.renderer.last().page());
        assertEquals(404, path("stack.tif::3/full/max/0/default.jpg").status());
        assertEquals(200, path("stack.tif::1/info.json").status());
        h.with("iiifDelimiter", "_");
        assertEquals(200, path("stack.tif_1/full/max/0/default.jpg").status());
        assertEquals(1, h.renderer.last().page());
    }

    @Test
    void imageResponseHeaders() {
        h.with("cors", "*");
        HttpResponse r = path("a.tif/0,0,300,200/150,/0/default.jpg");
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.header("Content-Type").orElseThrow());
        assertEquals("Fri, 01 Mar 2024 12:00:00 GMT", r.header("Last-Modified").orElseThrow());
        assertEquals("max-age=86400", r.header("Cache-Control").orElseThrow());
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());
        assertEquals("*", r.header("Access-Control-Allow-Origin").orElseThrow());
        List<String> links = r.headers().stream().filter(x -> x.name().equals("Link")).map(Header::value).toList();
        // one Link line: clients that read only the first one still find both
        assertEquals(List.of("<http://iiif.io/api/image/3/level2.json>;rel=\"profile\", "
                + "<http://example.org/iiif/a.tif/0,0,300,200/150,100/0/default.jpg>;rel=\"canonical\""), links);
        assertEquals("inline; filename=\"a_150x100.jpg\"", r.header("Content-Disposition").orElseThrow());
    }

    @Test
    void canonicalLinksInBothVersions() {
        assertEquals("<http://example.org/iiif/a.tif/full/max/0/default.jpg>;rel=\"canonical\"", canonical("a.tif/full/max/0/default.jpg"));
        assertEquals("<http://example.org/iiif/a.tif/full/max/0/default.jpg>;rel=\"canonical\"", canonical("a.tif/0,0,1000,700/1000,700/360/default.jpg"));
        assertEquals("<http://example.org/iiif/a.tif/150,0,700,700/350,350/!90.5/gray.png>;rel=\"canonical\"", canonical("a.tif/square/pct:50/!90.50/grey.png"));
        assertEquals("<http://example.org/iiif/a.tif/0,0,100,100/^200,200/0/color.jpg>;rel=\"canonical\"", canonical("a.tif/0,0,100,100/^200,/0/color.jpg"));
        h.with("iiifVersion", 2);
        assertEquals("<http://example.org/iiif/a.tif/full/full/0/default.jpg>;rel=\"canonical\"", canonical("a.tif/full/max/0/native.jpg"));
        assertEquals("<http://example.org/iiif/a.tif/full/500,/0/default.jpg>;rel=\"canonical\"", canonical("a.tif/full/,350/0/default.jpg"));
        assertEquals("<http://example.org/iiif/a.tif/full/500,100/0/default.jpg>;rel=\"canonical\"", canonical("a.tif/full/500,100/0/default.jpg"));
        HttpResponse r = path("a.tif/full/max/0/default.jpg");
        assertTrue(r.header("Link").orElseThrow().startsWith("<http://iiif.io/api/image/2/level2.json>;rel=\"profile\", <"));
    }

    private String canonical(String arg) {
        HttpResponse r = path(arg);
        assertEquals(200, r.status(), r::bodyText);
        String link = r.headers().stream().filter(x -> x.name().equals("Link")).map(Header::value).reduce((a, b) -> a + "|" + b).orElseThrow();
        return link.substring(link.indexOf(", <") + 2);
    }

    @Test
    void imageNotModified() {
        HttpResponse r = h.call(handler, "a.tif/full/max/0/default.jpg", "/iiif/a.tif/full/max/0/default.jpg",
                Map.of("if-modified-since", "Sat, 02 Mar 2024 00:00:00 GMT"));
        assertEquals(304, r.status());
        assertTrue(h.renderer.requests.isEmpty(), "nothing rendered for a 304");
    }

    @Test
    void negotiatedImageRequestsArePrivateAndParsedInThatVersion() {
        Map<String, String> v2 = Map.of("accept", "application/ld+json;profile=\"http://iiif.io/api/image/2/context.json\"");
        HttpResponse r = h.call(handler, "a.tif/full/full/0/native.jpg", "/iiif/a.tif/full/full/0/native.jpg", v2);
        assertEquals(200, r.status(), r::bodyText);
        assertEquals("private, max-age=86400", r.header("Cache-Control").orElseThrow());
    }

    /** Every tile OpenSeadragon requests for every level, in both versions, addresses the stored tile. */
    @Test
    void openSeadragonTileUrlsMapToStoredTiles() {
        for (int version : new int[] {2, 3}) {
            h.with("iiifVersion", version);
            checkEveryTile("a.tif", new PatternSource(1000, 700, 4, 256).info(), version);
        }
        h.images.put("p.tif", new PatternSource(2048, 1536, 5, 256));
        checkEveryTile("p.tif", new PatternSource(2048, 1536, 5, 256).info(), 3);
        h.images.put("o.tif", new PatternSource(1001, 601, 3, 128));
        checkEveryTile("o.tif", new PatternSource(1001, 601, 3, 128).info(), 3);
    }

    private void checkEveryTile(String id, ImageInfo info, int version) {
        for (int k = 0; k < info.levelCount(); k++) {
            Level l = info.levels().get(k);
            int s = 1 << k, span = l.tileWidth() * s;
            for (int row = 0; row < l.tilesDown(); row++) {
                for (int col = 0; col < l.tilesAcross(); col++) {
                    int x = col * span, y = row * span;
                    int rw = Math.min(span, info.width() - x), rh = Math.min(span, info.height() - y);
                    int sw = Math.min(l.tileWidth(), l.width() - col * l.tileWidth());
                    int sh = Math.min(l.tileHeight(), l.height() - row * l.tileHeight());
                    String region = rw == info.width() && rh == info.height() ? "full" : x + "," + y + "," + rw + "," + rh;
                    String size = version == 3 ? sw + "," + sh : sw + ",";
                    String arg = id + "/" + region + "/" + size + "/0/default.jpg";
                    HttpResponse r = path(arg);
                    assertEquals(200, r.status(), () -> arg + " " + r.bodyText());
                    assertEquals(Optional.of(new TileAddress(k, col, row)), h.renderer.last().tile(), arg);
                    assertEquals(sw, h.renderer.last().width(), arg);
                    assertEquals(sh, h.renderer.last().height(), arg);
                }
            }
        }
    }

    @Test
    void leafletIiifCeilSizesStillWork() {
        // Leaflet-IIIF: region always x,y,w,h and size ceil(w/scale) — may differ from the stored tile by a pixel.
        HttpResponse r = path("a.tif/0,0,1000,700/125,88/0/default.jpg");
        assertEquals(200, r.status(), r::bodyText);
        assertFalse(h.renderer.last().tile().isPresent());
        assertEquals(125, h.renderer.last().width());
        assertEquals(88, h.renderer.last().height());
    }
}
