package org.tessera.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.jp2.Jp2Fixtures;

/**
 * IIP LYR through the real engine on a JPEG 2000 file with three quality layers: each request
 * gets exactly what OpenJPEG's own opj_decompress gives for that many layers, MAX_LAYERS caps it,
 * and answers for different layer counts never share a cache entry.
 */
class QualityLayersStackTest {
    @TempDir
    Path dir;

    private Tessera tessera(Map<String, String> extra) throws IOException {
        PixelImage picture = Jp2Fixtures.picture(512, 384, 3);
        Path ppm = Jp2Fixtures.writePnm(picture, dir.resolve("p.ppm"));
        if (!dir.resolve("layers.jp2").toFile().exists()) {
            Jp2Fixtures.opjCompress(ppm, dir.resolve("layers.jp2"), "-r", "80,20,1", "-n", "2");
        }
        Map<String, String> env = new HashMap<>(extra);
        env.put("FILESYSTEM_PREFIX", dir + "/");
        return Tessera.create(EnvConfig.parse(env));
    }

    private static PixelImage png(Tessera t, String query) throws IOException {
        HttpResponse r = t.handler().handle(HttpRequest.get("/fcgi-bin/iipsrv.fcgi?" + query, Map.of("host", "localhost")));
        assertEquals(200, r.status(), query + ": " + r.bodyText());
        java.awt.image.Raster raster = ImageIO.read(new ByteArrayInputStream(r.body())).getRaster();
        int w = raster.getWidth(), h = raster.getHeight(), bands = raster.getNumBands();
        int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
        byte[] pixels = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) pixels[i] = (byte) samples[i];
        return new PixelImage(w, h, bands, pixels);
    }

    /** Tile 0 of the full resolution (IIP resolution 1 of 2 levels): the top-left 256x256 pixels. */
    private PixelImage reference(int layers) throws IOException {
        return Jp2Fixtures.opjDecompress(dir.resolve("layers.jp2"), dir, 0, layers).crop(new Rect(0, 0, 256, 256));
    }

    @Test
    void eachLayerCountIsDecodedAsAskedAndCachedApart() throws IOException {
        Tessera t = tessera(Map.of("MAX_LAYERS", "-1", "MAX_IMAGE_CACHE_SIZE", "10"));
        PixelImage all = png(t, "FIF=layers.jp2&PTL=1,0");
        PixelImage one = png(t, "FIF=layers.jp2&LYR=1&PTL=1,0");
        PixelImage two = png(t, "FIF=layers.jp2&LYR=2&PTL=1,0");
        assertEquals(0, Jp2Fixtures.maxDifference(reference(3), all), "MAX_LAYERS=-1: every layer");
        assertEquals(0, Jp2Fixtures.maxDifference(reference(1), one));
        assertEquals(0, Jp2Fixtures.maxDifference(reference(2), two));
        assertNotEquals(0, Jp2Fixtures.maxDifference(one, all), "one layer loses detail");
        // the same requests again come from the cache, each under its own key
        assertEquals(0, Jp2Fixtures.maxDifference(reference(1), png(t, "FIF=layers.jp2&LYR=1&PTL=1,0")));
        assertEquals(0, Jp2Fixtures.maxDifference(reference(3), png(t, "FIF=layers.jp2&PTL=1,0")));
        // a region export reads the same layers
        assertEquals(0, Jp2Fixtures.maxDifference(reference(1),
                png(t, "FIF=layers.jp2&LYR=1&RGN=0,0,0.5,0.6666667&WID=256&HEI=256&CVT=png")));
    }

    @Test
    void aPositiveMaxLayersCapsTheRequest() throws IOException {
        Tessera t = tessera(Map.of("MAX_LAYERS", "2"));
        assertEquals(0, Jp2Fixtures.maxDifference(reference(2), png(t, "FIF=layers.jp2&LYR=3&PTL=1,0")));
        assertEquals(0, Jp2Fixtures.maxDifference(reference(1), png(t, "FIF=layers.jp2&LYR=1&PTL=1,0")));
    }
}
