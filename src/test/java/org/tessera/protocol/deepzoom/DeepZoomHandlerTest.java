package org.tessera.protocol.deepzoom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpResponse;
import org.tessera.image.Rect;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.testing.PatternSource;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.image.TileAddress;
import org.tessera.testing.TestPattern;

class DeepZoomHandlerTest {
    Harness h;
    DeepZoomHandler handler = new DeepZoomHandler(org.tessera.format.OutputFormats.of(OutputFormat.JPEG, OutputFormat.PNG));

    @BeforeEach
    void setUp() {
        h = new Harness();
        h.images.put("a.tif", new PatternSource(1000, 700, 4, 256));      // levels 1000,500,250,125
        h.images.put("p.tif", new PatternSource(1024, 512, 3, 256));      // levels 1024,512,256
        h.images.put("one.tif", new PatternSource(1025, 300, 1, 256));    // a single level
    }

    HttpResponse get(String arg) {
        return h.call(handler, arg, "/fcgi-bin/iipsrv.fcgi?DeepZoom=" + arg, Map.of());
    }

    ImageRequest last() { return h.renderer.last(); }

    @Test
    void descriptorIsByteExact() {
        HttpResponse r = get("a.tif.dzi");
        assertEquals(200, r.status());
        assertArrayEquals(("<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" TileSize=\"256\" Overlap=\"0\" Format=\"jpg\">"
                + "<Size Width=\"1000\" Height=\"700\"/></Image>").getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals("application/xml", r.header("Content-Type").orElseThrow());
        assertEquals("Fri, 01 Mar 2024 12:00:00 GMT", r.header("Last-Modified").orElseThrow());
    }

    @Test
    void topLevelIsCeilLog2OfTheLongerSide() {
        assertEquals(10, DeepZoomHandler.topLevel(new PatternSource(1000, 700, 1, 256).info()));
        assertEquals(10, DeepZoomHandler.topLevel(new PatternSource(1024, 512, 1, 256).info()));
        assertEquals(11, DeepZoomHandler.topLevel(new PatternSource(1025, 300, 1, 256).info()));
        assertEquals(0, DeepZoomHandler.topLevel(new PatternSource(1, 1, 1, 256).info()));
        assertEquals(1, DeepZoomHandler.topLevel(new PatternSource(2, 1, 1, 256).info()));
    }

    @Test
    void topLevelTilesAreFullResolutionStoredTiles() {
        assertEquals(200, get("a.tif_files/10/0_0.jpg").status());
        assertEquals(Optional.of(new TileAddress(0, 0, 0)), last().tile());
        assertEquals(new Rect(0, 0, 256, 256), last().region());
        assertEquals(200, get("a.tif_files/10/3_2.jpg").status());
        assertEquals(Optional.of(new TileAddress(0, 3, 2)), last().tile());
        assertEquals(new Rect(768, 512, 232, 188), last().region());
        assertEquals(232, last().width());
        assertEquals(188, last().height());
    }

    @Test
    void lowerLevelsMapToTheNextStoredLevels() {
        get("a.tif_files/9/1_1.jpg");
        assertEquals(Optional.of(new TileAddress(1, 1, 1)), last().tile());
        assertEquals(244, last().width());
        assertEquals(94, last().height());
        assertEquals(new Rect(512, 512, 488, 188), last().region());
        get("a.tif_files/7/0_0.jpg");
        assertEquals(Optional.of(new TileAddress(3, 0, 0)), last().tile());
        assertEquals(125, last().width());
        assertEquals(87, last().height());
    }

    @Test
    void levelsBelowThePyramidAreDownsampledToDeepZoomSizes() {
        get("a.tif_files/6/0_0.jpg");
        assertEquals(Optional.empty(), last().tile());
        assertEquals(new Rect(0, 0, 1000, 700), last().region());
        assertEquals(63, last().width());   // ceil(1000/16)
        assertEquals(44, last().height());  // ceil(700/16)
        get("a.tif_files/0/0_0.jpg");
        assertEquals(1, last().width());
        assertEquals(1, last().height());
        get("a.tif_files/1/0_0.jpg");
        assertEquals(2, last().width());   // ceil(1000/512)
        assertEquals(2, last().height());  // ceil(700/512)
        get("one.tif_files/2/0_0.jpg");
        assertEquals(3, last().width());   // ceil(1025/512)
        assertEquals(1, last().height());  // ceil(300/512)
        // a single-level image: level 10 of 1025x300 is 513x150 (ceil), three tiles across, the last 1 px wide
        get("one.tif_files/10/2_0.jpg");
        assertEquals(Optional.empty(), last().tile());
        assertEquals(1, last().width());
        assertEquals(150, last().height());
        assertEquals(new Rect(1023, 0, 2, 300), last().region());
        assertEquals(404, get("one.tif_files/10/3_0.jpg").status());
    }

    @Test
    void powerOfTwoImageMapsEveryLevel() {
        get("p.tif_files/10/3_1.jpg");
        assertEquals(Optional.of(new TileAddress(0, 3, 1)), last().tile());
        get("p.tif_files/9/1_0.jpg");
        assertEquals(Optional.of(new TileAddress(1, 1, 0)), last().tile());
        get("p.tif_files/8/0_0.jpg");
        assertEquals(Optional.of(new TileAddress(2, 0, 0)), last().tile());
        assertEquals(256, last().width());
        assertEquals(128, last().height());
        get("p.tif_files/7/0_0.jpg");
        assertEquals(Optional.empty(), last().tile());
        assertEquals(128, last().width());
        assertEquals(64, last().height());
    }

    @Test
    void tilesOutsideTheGridAre404() {
        assertEquals(404, get("a.tif_files/10/4_0.jpg").status());
        assertEquals(404, get("a.tif_files/10/0_3.jpg").status());
        assertEquals(404, get("a.tif_files/11/0_0.jpg").status());
        assertEquals(404, get("a.tif_files/6/1_0.jpg").status());
        assertEquals(404, get("missing.tif_files/10/0_0.jpg").status());
        assertEquals(404, get("missing.tif.dzi").status());
    }

    @Test
    void malformedTilePathsAre400() {
        assertEquals(400, get("a.tif_files/x/0_0.jpg").status());
        assertEquals(400, get("a.tif_files/10/0-0.jpg").status());
        assertEquals(400, get("a.tif_files/10/0_0_1.jpg").status());
        assertEquals(400, get("a.tif_files/10/a/0_0.jpg").status());
        assertEquals(400, get("a.tif").status());
    }

    @Test
    void formatFollowsTheExtension() {
        HttpResponse png = get("a.tif_files/10/1_1.png");
        assertEquals("image/png", png.header("Content-Type").orElseThrow());
        BufferedImage img = Harness.decode(png);
        assertArrayEquals(TestPattern.rgb(256 + 10, 256 + 70), Harness.rgbAt(img, 10, 70));
        HttpResponse jpg = get("a.tif_files/10/1_1.jpeg");
        assertEquals("image/jpeg", jpg.header("Content-Type").orElseThrow());
        assertEquals(400, get("a.tif_files/10/1_1.gif").status());
        assertEquals(400, get("a.tif_files/10/1_1.webp").status()); // not in this server's codec set
    }

    @Test
    void percentEncodedPathsAndNotModified() {
        h.images.put("dir/b c.tif", new PatternSource(300, 200, 1, 256));
        assertEquals(200, get("dir%2Fb%20c.tif.dzi").status());
        assertEquals(200, get("dir/b%20c.tif_files/9/0_0.jpg").status());
        assertEquals("dir/b c.tif", last().identifier());
        HttpResponse r = h.call(handler, "a.tif_files/10/0_0.jpg", "/x", Map.of("if-modified-since", "Fri, 01 Mar 2024 12:00:00 GMT"));
        assertEquals(304, r.status());
    }
}
