package org.tessera.server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.testing.TestPattern;
import org.tessera.testing.Tools;

/**
 * The real engine, with the codecs this machine has: every format info.json advertises answers,
 * AVIF through IIP (ATL, CVT) too, TIFF output with WebP and ZSTD tiles, and the WebP-tiled
 * sample file. Every answer is decoded by vips, independent of our encoders.
 */
class EveryFormatStackTest {
    private static final Path IMAGES = Path.of("test-images").toAbsolutePath();

    @TempDir
    Path dir;

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
    void everyAdvertisedFormatWorks() throws IOException {
        Tessera t = tessera(Map.of());
        HttpResponse info = get(t, "/iiif/pattern.tif/info.json");
        assertEquals(200, info.status());
        List<String> extra = extraFormats(info.bodyText());
        assertEquals(List.of("tif", "webp", "avif", "gif"), extra, "libwebp and libavif are installed here");
        List<String> all = new ArrayList<>(List.of("jpg", "png"));
        all.addAll(extra);
        Map<String, String> types = Map.of("jpg", "image/jpeg", "png", "image/png", "tif", "image/tiff", "webp", "image/webp",
                "avif", "image/avif", "gif", "image/gif");
        for (String format : all) {
            HttpResponse r = get(t, "/iiif/pattern.tif/full/384,/0/default." + format);
            assertEquals(200, r.status(), format + ": " + r.bodyText());
            assertEquals(types.get(format), r.header("Content-Type").orElseThrow());
            assertPattern(decode(r.body(), format), 0, 0, 4, format);
        }
        assertEquals(501, get(t, "/iiif/pattern.tif/full/384,/0/default.pdf").status());
    }

    @Test
    void iipAvifTilesAndExports() throws IOException {
        Tessera t = tessera(Map.of("AVIF_QUALITY", "80"));
        // full resolution is IIP resolution 3; tile (1,1) is number 1 * 6 + 1
        HttpResponse tile = get(t, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&ATL=3,7");
        assertEquals(200, tile.status(), tile.bodyText());
        assertEquals("image/avif", tile.header("Content-Type").orElseThrow());
        Decoded d = decode(tile.body(), "avif");
        assertEquals(256, d.width());
        assertPattern(d, 256, 256, 1, "ATL tile");

        HttpResponse cvt = get(t, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&WID=300&CVT=avif");
        assertEquals(200, cvt.status(), cvt.bodyText());
        assertEquals("image/avif", cvt.header("Content-Type").orElseThrow());
        assertEquals("inline; filename=\"pattern_300x200.avif\"", cvt.header("Content-Disposition").orElseThrow());
        assertPattern(decode(cvt.body(), "avif"), 0, 0, 1536 / 300.0, "CVT=avif");
    }

    @Test
    void tiffOutputWithWebpAndZstdTiles() throws IOException {
        for (String[] c : new String[][] {{"4", "WEBP"}, {"5", "ZSTD"}}) {
            Tessera t = tessera(Map.of("TIFF_COMPRESSION", c[0], "TIFF_QUALITY", "90"));
            HttpResponse r = get(t, "/iiif/pattern.tif/full/600,/0/default.tif");
            assertEquals(200, r.status(), r.bodyText());
            Path file = dir.resolve("out" + c[0] + ".tif");
            Files.write(file, r.body());
            String tiffinfo = Tools.run(Tools.require("tiffinfo"), file.toString());
            assertTrue(tiffinfo.contains("Compression Scheme: " + c[1]), tiffinfo);
            assertPattern(decode(r.body(), "tif"), 0, 0, 1536 / 600.0, "TIFF_COMPRESSION=" + c[0]);
        }
    }

    @Test
    void theWebpTiledSampleOpens() throws IOException {
        Tessera t = tessera(Map.of());
        assertEquals(200, get(t, "/iiif/pattern-webp.tif/info.json").status());
        HttpResponse tile = get(t, "/iiif/pattern-webp.tif/256,256,256,256/256,/0/default.png");
        assertEquals(200, tile.status(), tile.bodyText());
        assertPattern(decode(tile.body(), "png"), 256, 256, 1, "WebP-tiled sample");
    }

    @Test
    void anUnknownAvifCodecIsAWarningNotAFailure() {
        // AVIF_CODEC outside 0..3 is read as 0 (iipsrv); the daemon still starts
        assertEquals(200, get(tessera(Map.of("AVIF_CODEC", "9")), "/iiif/pattern.tif/full/96,/0/default.avif").status());
    }

    private record Decoded(int width, int height, int bands, byte[] pixels) {
        int sample(int x, int y, int c) { return pixels[(y * width + x) * bands + Math.min(c, bands - 1)] & 0xFF; }
    }

    private Decoded decode(byte[] data, String extension) throws IOException {
        Path file = dir.resolve("answer." + extension);
        Files.write(file, data);
        int[] shape = Tools.vipsShape(file);
        byte[] raw = Tools.vipsPixels(file.toString(), dir.resolve("answer.raw"));
        assertEquals((long) shape[0] * shape[1] * shape[2], raw.length, "8-bit samples from vips");
        return new Decoded(shape[0], shape[1], shape[2], raw);
    }

    private static List<String> extraFormats(String json) {
        Matcher m = Pattern.compile("\"extraFormats\" : \\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), json);
        List<String> out = new ArrayList<>();
        Matcher q = Pattern.compile("\"([a-z0-9]+)\"").matcher(m.group(1));
        while (q.find()) out.add(q.group(1));
        return out;
    }

    /** Every square centre visible: pixel (i,j) = source (x0 + i*scale, y0 + j*scale). */
    private static void assertPattern(Decoded img, int x0, int y0, double scale, String what) {
        int checked = 0;
        for (int sy = TestPattern.SQUARE / 2; sy < 1024; sy += TestPattern.SQUARE) {
            for (int sx = TestPattern.SQUARE / 2; sx < 1536; sx += TestPattern.SQUARE) {
                int i = (int) Math.round((sx - x0) / scale), j = (int) Math.round((sy - y0) / scale);
                if (i < 2 || j < 2 || i >= img.width() - 2 || j >= img.height() - 2) continue;
                int[] want = TestPattern.rgb(sx, sy);
                int[] got = {img.sample(i, j, 0), img.sample(i, j, 1), img.sample(i, j, 2)};
                assertTrue(TestPattern.close(want, got, 24), what + " at " + i + "," + j + ": " + java.util.Arrays.toString(want)
                        + " vs " + java.util.Arrays.toString(got));
                checked++;
            }
        }
        assertTrue(checked > 0, what + ": no square centre inside");
    }
}
