package org.tessera.protocol.iiif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
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
import org.tessera.request.Quality;
import org.tessera.testing.TestPattern;

/** Image requests, written from the IIIF Image API 3.0 / 2.1 text; pixels are decoded and checked. */
class IiifImageRequestTest {
    static final int W = 1000, H = 700;
    Harness h;
    IiifHandler handler = new IiifHandler(org.tessera.format.OutputFormats.of(OutputFormat.JPEG, OutputFormat.PNG, OutputFormat.TIFF));

    @BeforeEach
    void setUp() {
        h = new Harness();
        h.images.put("a.tif", new PatternSource(W, H, 4, 256));
    }

    HttpResponse get(String params) {
        return h.call(handler, "a.tif/" + params, "/iiif/a.tif/" + params, Map.of());
    }

    BufferedImage image(String params) {
        HttpResponse r = get(params);
        assertEquals(200, r.status(), () -> params + " -> " + r.bodyText());
        return Harness.decode(r);
    }

    ImageRequest last() { return h.renderer.last(); }

    static void assertPattern(BufferedImage img, int x, int y, int srcX, int srcY) {
        assertArrayEquals(TestPattern.rgb(srcX, srcY), Harness.rgbAt(img, x, y), "pixel " + x + "," + y + " should show source " + srcX + "," + srcY);
    }

    void assertStatus(int status, String params) {
        HttpResponse r = get(params);
        assertEquals(status, r.status(), () -> params + " -> " + r.bodyText());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type").orElseThrow());
        assertTrue(r.bodyText().endsWith("\n") && r.bodyText().indexOf('\n') == r.bodyText().length() - 1, "one-line message");
    }

    // --- region ---

    @Test
    void fullRegionAtMaxIsTheWholeImagePixelExact() {
        BufferedImage img = image("full/max/0/default.png");
        assertEquals(W, img.getWidth());
        assertEquals(H, img.getHeight());
        for (int[] p : new int[][] {{0, 0}, {70, 10}, {500, 300}, {999, 699}, {640, 130}}) assertPattern(img, p[0], p[1], p[0], p[1]);
        assertEquals(new Rect(0, 0, W, H), last().region());
    }

    @Test
    void squareRegionIsCentredOnTheLongerSide() {
        BufferedImage img = image("square/max/0/default.png");
        assertEquals(700, img.getWidth());
        assertEquals(700, img.getHeight());
        assertEquals(new Rect(150, 0, 700, 700), last().region());
        assertPattern(img, 10, 10, 160, 10);
    }

    @Test
    void pixelRegion() {
        BufferedImage img = image("200,100,300,200/max/0/default.png");
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
        assertPattern(img, 0, 0, 200, 100);
        assertPattern(img, 299, 199, 499, 299);
    }

    @Test
    void regionBeyondTheEdgeIsCropped() {
        BufferedImage img = image("900,600,500,500/max/0/default.png");
        assertEquals(100, img.getWidth());
        assertEquals(100, img.getHeight());
        assertEquals(new Rect(900, 600, 100, 100), last().region());
        assertPattern(img, 50, 50, 950, 650);
    }

    @Test
    void percentRegion() {
        BufferedImage img = image("pct:10,10,50,50/max/0/default.png");
        assertEquals(new Rect(100, 70, 500, 350), last().region());
        assertEquals(500, img.getWidth());
        assertPattern(img, 0, 0, 100, 70);
    }

    @Test
    void percentRegionWithDecimals() {
        image("pct:12.5,0,25.5,100/max/0/default.png");
        assertEquals(new Rect(125, 0, 255, 700), last().region());
    }

    @Test
    void badRegionsAre400() {
        assertStatus(400, "1000,0,10,10/max/0/default.jpg");
        assertStatus(400, "0,700,10,10/max/0/default.jpg");
        assertStatus(400, "0,0,0,10/max/0/default.jpg");
        assertStatus(400, "0,0,10,0/max/0/default.jpg");
        assertStatus(400, "pct:0,0,0,10/max/0/default.jpg");
        assertStatus(400, "pct:100,0,10,10/max/0/default.jpg");
        assertStatus(400, "1,2,3/max/0/default.jpg");
        assertStatus(400, "-1,0,10,10/max/0/default.jpg");
        assertStatus(400, "a,b,c,d/max/0/default.jpg");
        assertStatus(400, "everything/max/0/default.jpg");
    }

    // --- size ---

    @Test
    void sizeByWidthKeepsAspect() {
        BufferedImage img = image("full/500,/0/default.png");
        assertEquals(500, img.getWidth());
        assertEquals(350, img.getHeight());
        assertPattern(img, 40, 40, 80, 80);
    }

    @Test
    void sizeByHeightKeepsAspect() {
        BufferedImage img = image("full/,350/0/default.png");
        assertEquals(500, img.getWidth());
        assertEquals(350, img.getHeight());
    }

    @Test
    void sizeByPercent() {
        BufferedImage img = image("full/pct:25/0/default.png");
        assertEquals(250, img.getWidth());
        assertEquals(175, img.getHeight());
    }

    @Test
    void sizeByWidthAndHeightDistorts() {
        BufferedImage img = image("0,0,400,400/400,100/0/default.png");
        assertEquals(400, img.getWidth());
        assertEquals(100, img.getHeight());
        assertPattern(img, 100, 10, 100, 40);
    }

    @Test
    void confinedSizeFitsInsideTheBox() {
        BufferedImage img = image("full/!300,300/0/default.png");
        assertEquals(300, img.getWidth());
        assertEquals(210, img.getHeight());
        image("full/!500,100/0/default.png");
        assertEquals(143, last().width());
        assertEquals(100, last().height());
    }

    @Test
    void confinedSizeThatWouldEnlargeTheRegionIs400InV3() {
        // 3.0: a box whose best fit enlarges the region needs "^", as for w,h (other 3.0 servers answer 400 too)
        assertStatus(400, "0,0,200,100/!300,300/0/default.png");
        assertStatus(400, "0,0,200,100/!201,101/0/default.png");
        image("0,0,200,100/!300,100/0/default.png"); // fits at scale 1: the region itself
        assertEquals(200, last().width());
        assertEquals(100, last().height());
        image("0,0,200,100/!100,300/0/default.png");
        assertEquals(100, last().width());
        assertEquals(50, last().height());
        h.with("iiifVersion", 2);
        image("0,0,200,100/!300,300/0/default.png"); // 2.1 upscales a box implicitly
        assertEquals(300, last().width());
        assertEquals(150, last().height());
    }

    @Test
    void unlimitedMaxCvtDeclaresAndEnforcesTheAreaLimit() {
        h.with("maxCvt", -1);
        // ^max grows to the declared maxArea (100 million pixels), never past it
        image("0,0,200,100/^max/0/default.png");
        assertTrue((long) last().width() * last().height() <= 100_000_000L);
        assertEquals(14142, last().width());
        assertEquals(7071, last().height());
        assertStatus(400, "0,0,200,100/^15000,/0/default.jpg");
    }

    @Test
    void upscalingWithoutCaretIs400InV3() {
        assertStatus(400, "0,0,200,100/400,/0/default.jpg");
        assertStatus(400, "0,0,200,100/,101/0/default.jpg");
        assertStatus(400, "0,0,200,100/201,100/0/default.jpg");
        assertStatus(400, "0,0,200,100/pct:101/0/default.jpg");
    }

    @Test
    void caretFormsUpscaleInV3() {
        BufferedImage img = image("0,0,200,100/^400,/0/default.png");
        assertEquals(400, img.getWidth());
        assertEquals(200, img.getHeight());
        assertPattern(img, 10, 10, 5, 5);
        image("0,0,200,100/^,300/0/default.png");
        assertEquals(600, last().width());
        image("0,0,200,100/^pct:150/0/default.png");
        assertEquals(300, last().width());
        assertEquals(150, last().height());
        image("0,0,200,100/^!300,300/0/default.png");
        assertEquals(300, last().width());
        assertEquals(150, last().height());
        image("0,0,200,100/^500,120/0/default.png");
        assertEquals(500, last().width());
        assertEquals(120, last().height());
        image("0,0,200,100/^max/0/default.png"); // no limit below the server's MAX_CVT of 5000
        assertEquals(5000, last().width());
        assertEquals(2500, last().height());
    }

    @Test
    void caretWithUpscalingDisabledIs501() {
        h.with("allowUpscaling", false);
        assertStatus(501, "0,0,200,100/^400,/0/default.jpg");
        image("0,0,200,100/^max/0/default.png");
        assertEquals(200, last().width());
        image("0,0,200,100/^!400,400/0/default.png");
        assertEquals(200, last().width());
        image("0,0,200,100/^100,/0/default.png");
        assertEquals(100, last().width());
    }

    @Test
    void fullSizeIs400InV3ButWorksInV2() {
        assertStatus(400, "full/full/0/default.jpg");
        h.with("iiifVersion", 2);
        BufferedImage img = image("0,0,300,200/full/0/default.png");
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
    }

    @Test
    void v2RejectsCaretAndUpscalesImplicitly() {
        h.with("iiifVersion", 2);
        assertStatus(400, "0,0,200,100/^400,/0/default.jpg");
        image("0,0,200,100/400,/0/default.png");
        assertEquals(400, last().width());
        assertEquals(200, last().height());
        h.with("allowUpscaling", false);
        assertStatus(501, "0,0,200,100/400,/0/default.jpg");
        image("0,0,200,100/!400,400/0/default.png");
        assertEquals(200, last().width());
    }

    @Test
    void badSizesAre400() {
        for (String s : new String[] {"0,", ",0", "0,0", "pct:0", ",", "abc", "100", "10,20,30", "-5,", "!100", "!0,10", "pct:x", "1e3,", "maximum"}) {
            assertStatus(400, "full/" + s + "/0/default.jpg");
        }
    }

    @Test
    void maxCvtBoundsMaxAndRefusesLargerExplicitSizes() {
        h.with("maxCvt", 400);
        image("full/max/0/default.png");
        assertEquals(400, last().width());
        assertEquals(280, last().height());
        image("full/!1000,1000/0/default.png");
        assertEquals(400, last().width());
        image("0,0,100,70/^max/0/default.png");
        assertEquals(400, last().width());
        assertEquals(280, last().height());
        assertStatus(400, "full/500,/0/default.jpg");
        assertStatus(400, "full/,401/0/default.jpg");
        image("full/400,/0/default.png");
        assertEquals(280, last().height());
    }

    // --- rotation ---

    @Test
    void rotationBy90sTurnsClockwise() {
        BufferedImage r90 = image("full/max/90/default.png");
        assertEquals(H, r90.getWidth());
        assertEquals(W, r90.getHeight());
        assertPattern(r90, 10, 10, 10, H - 1 - 10);
        assertPattern(r90, 600, 100, 100, H - 1 - 600);
        BufferedImage r180 = image("full/max/180/default.png");
        assertEquals(W, r180.getWidth());
        assertPattern(r180, 10, 20, W - 1 - 10, H - 1 - 20);
        BufferedImage r270 = image("full/max/270/default.png");
        assertEquals(H, r270.getWidth());
        assertPattern(r270, 10, 30, W - 1 - 30, 10);
        image("full/max/360/default.png");
        assertTrue(last().rotation().isNone());
    }

    @Test
    void mirroringFlipsBeforeRotating() {
        BufferedImage m = image("full/max/!0/default.png");
        assertPattern(m, 10, 20, W - 1 - 10, 20);
        BufferedImage m90 = image("full/max/!90/default.png");
        // mirror (x -> W-1-x), then clockwise 90: out(x,y) = mirrored(y, H-1-x) = src(W-1-y, H-1-x)
        assertPattern(m90, 10, 30, W - 1 - 30, H - 1 - 10);
        assertTrue(last().rotation().mirror());
    }

    @Test
    void arbitraryAnglesReachThePipeline() {
        assertEquals(200, get("full/max/22.5/default.png").status());
        assertEquals(22.5, last().rotation().degrees());
        assertEquals(200, get("full/max/!359.9/default.png").status());
        assertEquals(359.9, last().rotation().degrees(), 1e-9);
        assertTrue(last().rotation().mirror());
    }

    @Test
    void badRotationsAre400() {
        for (String r : new String[] {"361", "-90", "abc", "90deg", "!!90", "", "1e2"}) {
            assertStatus(400, "full/max/" + r + "/default.jpg");
        }
    }

    // --- quality and format ---

    @Test
    void qualities() {
        BufferedImage c = image("full/max/0/color.png");
        assertPattern(c, 300, 300, 300, 300);
        assertEquals(Quality.COLOR, last().quality());
        BufferedImage g = image("full/max/0/gray.png");
        assertEquals(1, g.getRaster().getNumBands());
        for (int[] p : new int[][] {{300, 100}, {10, 10}, {100, 200}}) assertEquals(TestPattern.grey(p[0], p[1]), Harness.sample(g, p[0], p[1]));
        assertEquals(Quality.GRAY, last().quality());
        BufferedImage b = image("full/max/0/bitonal.png");
        // Otsu's threshold depends on the picture: check only what bitonal guarantees — two
        // values, both present, and never a darker square white while a brighter one is black.
        int[][] points = {{10, 10}, {100, 10}, {200, 10}, {10, 100}, {400, 400}, {300, 100}, {450, 200}, {32, 160}};
        boolean black = false, white = false;
        for (int[] p : points) {
            int v = Harness.sample(b, p[0], p[1]);
            assertTrue(v == 0 || v == 255, "bitonal value " + v);
            black |= v == 0;
            white |= v == 255;
            for (int[] q : points) {
                if (TestPattern.grey(p[0], p[1]) < TestPattern.grey(q[0], q[1])) {
                    assertTrue(v <= Harness.sample(b, q[0], q[1]), "monotone in brightness");
                }
            }
        }
        assertTrue(black && white, "both black and white");
        assertEquals(Quality.BITONAL, last().quality());
        image("full/max/0/default.png");
        assertEquals(Quality.DEFAULT, last().quality());
    }

    @Test
    void nativeIsAQualityOnlyInV2() {
        assertStatus(400, "full/max/0/native.jpg");
        h.with("iiifVersion", 2);
        image("full/max/0/native.png");
        assertEquals(Quality.DEFAULT, last().quality());
    }

    @Test
    void badQualitiesAre400() {
        assertStatus(400, "full/max/0/sepia.jpg");
        assertStatus(400, "full/max/0/.jpg");
    }

    @Test
    void formats() {
        HttpResponse jpg = get("full/pct:10/0/default.jpg");
        assertEquals("image/jpeg", jpg.header("Content-Type").orElseThrow());
        BufferedImage j = Harness.decode(jpg);
        assertTrue(TestPattern.close(TestPattern.rgb(30, 30), Harness.rgbAt(j, 3, 3), 40));
        HttpResponse png = get("full/pct:10/0/default.png");
        assertEquals("image/png", png.header("Content-Type").orElseThrow());
        HttpResponse tif = get("full/pct:10/0/default.tif");
        assertEquals(200, tif.status());
        assertEquals("image/tiff", tif.header("Content-Type").orElseThrow());
        assertEquals(100, Harness.decode(tif).getWidth());
    }

    @Test
    void unsupportedFormatsAre501AndUnknownOnes400() {
        assertStatus(501, "full/max/0/default.webp"); // valid IIIF, no codec in this set
        assertStatus(501, "full/max/0/default.gif");
        assertStatus(501, "full/max/0/default.jp2");
        assertStatus(501, "full/max/0/default.pdf");
        assertStatus(400, "full/max/0/default.xyz");
        assertStatus(400, "full/max/0/default.jpeg");
    }

    @Test
    void errorsFollowTheOrderRegionSizeRotationQualityFormat() {
        HttpResponse r = get("bad/bad/bad/bad.bad");
        assertTrue(r.bodyText().contains("region"), r.bodyText());
        r = get("full/bad/bad/bad.bad");
        assertTrue(r.bodyText().contains("size"), r.bodyText());
        r = get("full/max/bad/bad.bad");
        assertTrue(r.bodyText().contains("rotation"), r.bodyText());
        r = get("full/max/0/bad.gif");
        assertTrue(r.bodyText().contains("quality"), r.bodyText());
    }

    @Test
    void tooFewParametersAre400() {
        assertStatus(400, "max/0/default.jpg");
    }

    @Test
    void unknownImageIs404() {
        HttpResponse r = h.call(handler, "nothere.tif/full/max/0/default.jpg", "/iiif/nothere.tif/full/max/0/default.jpg", Map.of());
        assertEquals(404, r.status());
    }

    @Test
    void encoderQualityAndIdentifierReachTheRequest() {
        h.encoderQuality(90);
        image("full/pct:10/0/default.png");
        assertEquals(90, last().encoderQuality());
        assertEquals("a.tif", last().identifier());
        assertEquals(0, last().page());
        assertEquals(OutputFormat.PNG, last().format());
    }

    @Test
    void cacheBustingSuffixIsIgnored() {
        HttpResponse r = h.call(handler, "a.tif/full/pct:10/0/default.png?t=123", "/fcgi?IIIF=a.tif/full/pct:10/0/default.png?t=123", Map.of());
        assertEquals(200, r.status());
        assertEquals(OutputFormat.PNG, last().format());
    }

    @Test
    void nonTileRequestsCarryNoTileAddress() {
        image("10,10,256,256/256,256/0/default.png");
        assertEquals(Optional.empty(), last().tile());
        image("full/max/0/default.png");
        assertEquals(Optional.empty(), last().tile());
    }
}
