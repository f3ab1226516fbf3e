package org.tessera.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tessera.codec.TurboJpeg;
import org.tessera.codec.Webp;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.image.PixelImage;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.testing.TestPattern;

/**
 * The whole engine on a shipped sample file, without a transport: vips-written JPEG TIFF,
 * libjpeg-turbo, the pipeline and the protocols, with pixels checked against the pattern.
 * pattern.tif is 1536x1024, levels 1536/768/384/192 wide, 256 px tiles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealStackTest {
    private static final Path IMAGES = Path.of("test-images").toAbsolutePath();
    private TurboJpeg turbo;
    private Tessera passThrough;
    private Tessera reencode;

    @BeforeAll
    void start() {
        turbo = TurboJpeg.load();
        passThrough = tessera(Map.of());
        reencode = tessera(Map.of("CODEC_PASSTHROUGH", "0"));
    }

    @AfterAll
    void stop() {
        turbo.close();
    }

    private static Tessera tessera(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("FILESYSTEM_PREFIX", IMAGES + "/");
        env.put("URI_MAP", "iiif=>IIIF");
        return Tessera.create(EnvConfig.parse(env));
    }

    private static HttpResponse get(Tessera t, String uri) {
        return t.handler().handle(HttpRequest.get(uri, Map.of("host", "localhost")));
    }

    @Test
    void passThroughSendsTheStoredTileAndMatchesTheReencodedPixels() throws Exception {
        byte[] stored;
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern.tif"), turbo::decompress)) {
            stored = src.storedTile(0, 0, 1, 1).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data).orElseThrow();
        }
        // full resolution is IIP resolution 3; tile (1,1) is number 1 * 6 + 1
        HttpResponse direct = get(passThrough, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=3,7");
        assertEquals(200, direct.status());
        assertArrayEquals(stored, direct.body(), "pass-through must send the stored bitstream");
        assertEquals(String.valueOf(stored.length), direct.header("Content-Length").orElseThrow());

        HttpResponse viaIiif = get(passThrough, "/iiif/pattern.tif/256,256,256,256/256,256/0/default.jpg");
        assertArrayEquals(stored, viaIiif.body(), "an OpenSeadragon IIIF tile URL is the same stored tile");

        HttpResponse decoded = get(reencode, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=3,7");
        assertEquals(200, decoded.status());
        assertFalse(java.util.Arrays.equals(stored, decoded.body()), "CODEC_PASSTHROUGH=0 re-encodes");
        PixelImage a = turbo.decompress(direct.body(), 0, direct.body().length);
        PixelImage b = turbo.decompress(decoded.body(), 0, decoded.body().length);
        assertEquals(256, a.width());
        assertEquals(256, b.width());
        double diff = 0;
        for (int i = 0; i < a.pixels().length; i++) diff += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
        assertTrue(diff / a.pixels().length < 3.0, "mean difference within JPEG tolerance: " + diff / a.pixels().length);
        assertPattern(a, 256, 256, 1, "pass-through tile");

        HttpResponse otherQuality = get(passThrough, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&QLT=40&JTL=3,7");
        assertFalse(java.util.Arrays.equals(stored, otherQuality.body()), "another quality is re-encoded");
    }

    @Test
    void edgeTilesAndSmallLevelsHaveTheirRealSize() throws Exception {
        // level 384x256 (IIP resolution 1): tiles 2 x 1, the second 128 wide
        PixelImage edge = jpeg(get(passThrough, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=1,1"));
        assertEquals(128, edge.width());
        assertEquals(256, edge.height());
        assertPattern(edge, 1024, 0, 4, "edge tile");
        // the edge tile is the stored one trimmed losslessly, not a re-encoding
        byte[] trimmed;
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern.tif"), turbo::decompress)) {
            org.tessera.source.StoredTile stored = src.storedTile(0, 2, 1, 0).orElseThrow();
            assertTrue(stored.needsCrop());
            trimmed = turbo.losslessCrop(stored.data(), 128, 256);
        }
        assertArrayEquals(trimmed, get(passThrough, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=1,1").body());
        PixelImage reencoded = jpeg(get(reencode, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=1,1"));
        assertEquals(128, reencoded.width());
        assertPattern(reencoded, 1024, 0, 4, "re-encoded edge tile");
        PixelImage smallest = jpeg(get(passThrough, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=0,0"));
        assertEquals(192, smallest.width());
        assertEquals(128, smallest.height());
    }

    @Test
    void iiifTransformsOnRealPixels() throws Exception {
        // region of 4x3 squares from (128,64), halved
        PixelImage r = jpeg(get(passThrough, "/iiif/pattern.tif/128,64,256,192/128,/0/default.jpg"));
        assertEquals(128, r.width());
        assertEquals(96, r.height());
        assertPattern(r, 128, 64, 2, "region");

        PixelImage rot = jpeg(get(passThrough, "/iiif/pattern.tif/128,64,256,192/max/90/default.jpg"));
        assertEquals(192, rot.width());
        assertEquals(256, rot.height());
        // after a clockwise quarter turn, the region's top-left square lands top-right
        assertClose(TestPattern.rgb(128 + 32, 64 + 32), rot, rot.width() - 32, 32);

        PixelImage mirrored = jpeg(get(passThrough, "/iiif/pattern.tif/128,64,256,192/max/!0/default.jpg"));
        assertClose(TestPattern.rgb(128 + 32, 64 + 32), mirrored, 256 - 32, 32);

        PixelImage grey = jpeg(get(passThrough, "/iiif/pattern.tif/0,0,512,512/256,/0/gray.jpg"));
        assertEquals(1, grey.channels());
        assertTrue(Math.abs(TestPattern.grey(96, 96) - grey.sample(48, 48, 0)) < 10, "grey value");

        HttpResponse png = get(passThrough, "/iiif/pattern.tif/0,0,512,512/256,/0/default.png");
        assertEquals("image/png", png.header("Content-Type").orElseThrow());
        java.awt.image.BufferedImage p = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        int rgb = p.getRGB(48, 48);
        assertTrue(TestPattern.close(TestPattern.rgb(96, 96), new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF}, 14));

        HttpResponse webp = get(passThrough, "/iiif/pattern.tif/full/384,/0/default.webp");
        assertEquals("image/webp", webp.header("Content-Type").orElseThrow());
        PixelImage w = Webp.load().decode(webp.body());
        assertEquals(384, w.width());
        assertEquals(256, w.height());
        assertPattern(w, 0, 0, 4, "webp");
    }

    @Test
    void iipCvtFromTheRightLevel() throws Exception {
        HttpResponse r = get(passThrough, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&RGN=0.25,0.25,0.5,0.5&WID=300&CVT=jpeg");
        assertEquals(200, r.status());
        assertEquals("inline; filename=\"pattern_300x200.jpg\"", r.header("Content-Disposition").orElseThrow());
        PixelImage img = jpeg(r);
        assertEquals(300, img.width());
        assertEquals(200, img.height());
        assertPattern(img, 384, 256, 768.0 / 300, "CVT region");
    }

    private PixelImage jpeg(HttpResponse r) throws Exception {
        assertEquals(200, r.status(), r::bodyText);
        assertEquals("image/jpeg", r.header("Content-Type").orElseThrow());
        return turbo.decompress(r.body(), 0, r.body().length);
    }

    /** Every square centre visible in {@code img} has the pattern's colour; img pixel (i,j) = source (x0 + i*scale, y0 + j*scale). */
    private static void assertPattern(PixelImage img, int x0, int y0, double scale, String what) {
        int checked = 0;
        for (int sy = TestPattern.SQUARE / 2; sy < 1024; sy += TestPattern.SQUARE) {
            for (int sx = TestPattern.SQUARE / 2; sx < 1536; sx += TestPattern.SQUARE) {
                int i = (int) Math.round((sx - x0) / scale), j = (int) Math.round((sy - y0) / scale);
                if (i < 2 || j < 2 || i >= img.width() - 2 || j >= img.height() - 2) continue;
                assertClose(TestPattern.rgb(sx, sy), img, i, j);
                checked++;
            }
        }
        assertTrue(checked > 0, what + ": no square centre inside");
    }

    private static void assertClose(int[] expected, PixelImage img, int x, int y) {
        int[] actual = {img.sample(x, y, 0), img.sample(x, y, 1), img.sample(x, y, 2)};
        assertTrue(TestPattern.close(expected, actual, 20),
                () -> "at " + x + "," + y + " expected " + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
    }
}
