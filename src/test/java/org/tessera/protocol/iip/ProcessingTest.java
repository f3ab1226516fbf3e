package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.KeptOpenSource;
import org.tessera.testing.SampleTiff;

/**
 * IIP processing commands end to end on generated TIFFs (16-bit grey, float elevation, 6-band
 * multispectral, surface normals), output as PNG and compared with values this test computes
 * from the stored samples with the formulas of iipsrv's behaviour reference (13.5, 13.7).
 */
class ProcessingTest {
    static final int W = 80, H = 60;

    @TempDir
    Path dir;
    IipFixture f;

    static int grey16(int x, int y) { return 1000 + x * 700 + y * 40; } // 1000..58660

    @BeforeEach
    void images() throws IOException {
        f = new IipFixture(Map.of());
        put("g16.tif", new SampleTiff().size(W, H).tile(32, 32).bits(16, 1).samples((p, x, y, c) -> grey16(x, y)));
        put("elev.tif", new SampleTiff().size(W, H).tile(32, 32).bits(32, 3).sampleRange(new double[] {-100}, new double[] {900})
                .samples((p, x, y, c) -> -100 + x * 12.5));
        put("ms.tif", new SampleTiff().size(W, H).tile(32, 32).bits(16, 1).channels(6)
                .samples((p, x, y, c) -> c * 10_000 + x * 50 + y));
        put("normals.tif", new SampleTiff().size(W, H).tile(32, 32).bits(8, 1).channels(3).photometric(2)
                .samples((p, x, y, c) -> x < 4 ? 0 : NORMALS[(x / 10) % NORMALS.length][c]));
        // left half dark, right half bright; tile 0 (32x32, all dark) has its own gradient
        put("halves.tif", new SampleTiff().size(W, H).tile(32, 32).bits(8, 1)
                .samples((p, x, y, c) -> x < W / 2 ? 20 + x + y : 220));
        put("halves64.tif", new SampleTiff().size(W, H).tile(64, 64).bits(8, 1)
                .samples((p, x, y, c) -> x < W / 2 ? 20 + x + y : 220));
    }

    static final int[][] NORMALS = {{128, 128, 0}, {255, 128, 128}, {0, 128, 128}, {128, 255, 128}, {128, 0, 128}, {200, 90, 30}, {128, 128, 255}};

    private void put(String name, SampleTiff t) throws IOException {
        f.images.put(name, new KeptOpenSource(TiffImageSource.open(t.write(dir.resolve(name)), new ImageIoJpegDecoder())));
    }

    private Raster png(String query) {
        HttpResponse r = f.get(query);
        assertEquals(200, r.status(), () -> query + ": " + r.bodyText());
        BufferedImage img = Harness.decode(r);
        return img.getRaster();
    }

    private void assertGrey(String query, IntBinaryOperator expected, int tolerance) {
        Raster r = png(query);
        assertEquals(W, r.getWidth());
        for (int y = 0; y < H; y += 3) {
            for (int x = 0; x < W; x++) {
                int want = expected.applyAsInt(x, y);
                int got = r.getSample(x, y, 0);
                if (Math.abs(want - got) > tolerance) fail(query + " at " + x + "," + y + ": expected " + want + " got " + got);
            }
        }
    }

    static int q(double v) { return v >= 1 ? 255 : v <= 0 ? 0 : (int) (v * 255); }

    static double n16(int x, int y) { return grey16(x, y) / 65535.0; }

    @Test
    void withoutProcessingSixteenBitShowsItsHighByte() {
        assertGrey("FIF=g16.tif&CVT=png", (x, y) -> grey16(x, y) >> 8, 0);
    }

    @Test
    void contrastGammaLogInvert() {
        assertGrey("FIF=g16.tif&CNT=1.7&CVT=png", (x, y) -> q(n16(x, y) * 1.7), 1);
        assertGrey("FIF=g16.tif&GAM=0.5&CVT=png", (x, y) -> q(Math.sqrt(n16(x, y))), 1);
        assertGrey("FIF=g16.tif&GAM=log&CVT=png", (x, y) -> q(Math.log(1 + 255 * n16(x, y)) / Math.log(256)), 1);
        assertGrey("FIF=g16.tif&INV=1&CVT=png", (x, y) -> q(1 - n16(x, y)), 1);
        // order: gamma before invert, contrast last, whatever the order in the request
        assertGrey("FIF=g16.tif&INV=1&CNT=0.5&GAM=2&CVT=png", (x, y) -> q((1 - n16(x, y) * n16(x, y)) * 0.5), 1);
    }

    @Test
    void minmaxUsesTheFullSixteenBits() {
        // 1000..3000 is under 12 steps of the high byte; stretched it covers 0..255 smoothly
        assertGrey("FIF=g16.tif&MINMAX=0:1000,3000&CVT=png", (x, y) -> q((grey16(x, y) - 1000) / 2000.0), 1);
        assertGrey("FIF=g16.tif&MINMAX=-:2000,12000&CVT=png", (x, y) -> q((grey16(x, y) - 2000) / 10000.0), 1);
    }

    @Test
    void floatElevationThroughAColourMap() {
        Raster r = png("FIF=elev.tif&CMP=hot&CVT=png");
        assertEquals(3, r.getNumBands());
        for (int x = 0; x < W; x++) {
            double v = (x * 12.5) / 1000.0;
            double[] rgb = v <= 0 ? new double[] {0, 0, 0} : v < 1 / 3.0 ? new double[] {3 * v, 0, 0}
                    : v < 2 / 3.0 ? new double[] {1, 3 * v - 1, 0} : v < 1 ? new double[] {1, 1, 3 * v - 2} : new double[] {1, 1, 1};
            for (int c = 0; c < 3; c++) assertEquals(q(rgb[c]), r.getSample(x, 7, c), 1, "x=" + x + " c=" + c);
        }
        Raster jet = png("FIF=elev.tif&CMP=jet&CVT=png");
        double v = 20 * 12.5 / 1000; // 0.25: second segment (0, 4v-0.5, 1)
        assertEquals(0, jet.getSample(20, 0, 0));
        assertEquals(q(4 * v - 0.5), jet.getSample(20, 0, 1), 1);
        assertEquals(255, jet.getSample(20, 0, 2));
        Raster red = png("FIF=elev.tif&CMP=red&CVT=png");
        assertEquals(q(40 * 12.5 / 1000), red.getSample(40, 0, 0), 1);
        assertEquals(0, red.getSample(40, 0, 1));
    }

    @Test
    void colourTwistSelectsAndMixesBands() {
        Raster r = png("FIF=ms.tif&CTW=[0,0,0,0,0,1;0,0,0,0,1,0;0.5,0,0,0.5,0,0]&CVT=png");
        assertEquals(3, r.getNumBands());
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 3) {
                double b0 = (x * 50 + y) / 65535.0, b3 = (30_000 + x * 50 + y) / 65535.0;
                double b4 = (40_000 + x * 50 + y) / 65535.0, b5 = (50_000 + x * 50 + y) / 65535.0;
                assertEquals(q(b5), r.getSample(x, y, 0), 1);
                assertEquals(q(b4), r.getSample(x, y, 1), 1);
                assertEquals(q(0.5 * b0 + 0.5 * b3), r.getSample(x, y, 2), 1);
            }
        }
        // URL-encoded, one output row: a single grey band
        Raster one = png("FIF=ms.tif&CTW=%5B0,1,0,0,0,0%5D&CVT=png");
        assertEquals(1, one.getNumBands());
        assertEquals(q((10_000 + 9 * 50 + 3) / 65535.0), one.getSample(9, 3, 0), 1);
        // without a twist a 6-band image shows its first three bands
        Raster plain = png("FIF=ms.tif&CVT=png");
        assertEquals(3, plain.getNumBands());
        assertEquals((20_000 + 9 * 50 + 3) >> 8, plain.getSample(9, 3, 2));
    }

    @Test
    void convolutionWithNamedAndCustomKernels() {
        int[][] kernels = {{1, 2, 1, 2, 4, 2, 1, 2, 1}, {0, -1, 0, -1, 5, -1, 0, -1, 0}};
        String[] queries = {"CNV=gaussian", "CNV=[0,-1,0,-1,5,-1,0,-1,0]"};
        for (int k = 0; k < 2; k++) {
            int[] kern = kernels[k];
            int sum = 0;
            for (int v : kern) sum += v;
            int s = sum;
            assertGrey("FIF=halves.tif&" + queries[k] + "&CVT=png", (x, y) -> {
                double acc = 0;
                for (int j = 0; j < 9; j++) {
                    int sx = Math.min(W - 1, Math.max(0, x + j % 3 - 1)), sy = Math.min(H - 1, Math.max(0, y + j / 3 - 1));
                    acc += kern[j] * (sx < W / 2 ? 20 + sx + sy : 220) / 255.0;
                }
                return q(acc / s);
            }, 1);
        }
    }

    @Test
    void hillShadingLightsSurfaceNormals() {
        int az = 135, el = 40;
        Raster r = png("FIF=normals.tif&SHD=" + az + "," + el + "&CVT=png");
        assertEquals(1, r.getNumBands());
        double a = Math.toRadians(az), e = Math.toRadians(el);
        double[] s = {Math.sqrt(1 - Math.cos(a) * Math.cos(a)), Math.cos(a), -Math.sin(e)};
        double len = Math.sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
        for (int x = 0; x < W; x++) {
            double want = 0;
            if (x >= 4) {
                int[] p = NORMALS[(x / 10) % NORMALS.length];
                double dot = 0;
                for (int c = 0; c < 3; c++) dot += s[c] / len * -(p[c] / 255.0 - 0.5) * 2;
                want = Math.max(0, Math.min(1, 0.5 * dot));
            }
            assertEquals(q(want), r.getSample(x, 10, 0), 1, "x=" + x);
        }
    }

    @Test
    void binaryUsesOneThresholdForTheWholeImage() {
        // The histogram comes from tile 0 of the smallest level (here x 0..63: dark and bright).
        // A region of the dark gradient alone (20..91) would be split in two by its own Otsu
        // threshold; the image's threshold keeps all of it black.
        Raster dark = png("FIF=halves64.tif&RGN=0,0,0.4,1&COL=binary&CVT=png");
        for (int y = 0; y < dark.getHeight(); y++) for (int x = 0; x < dark.getWidth(); x++) assertEquals(0, dark.getSample(x, y, 0));
        Raster whole = png("FIF=halves64.tif&COL=binary&CVT=png");
        assertEquals(0, whole.getSample(10, 10, 0));
        assertEquals(255, whole.getSample(70, 10, 0));
        HttpResponse r = f.get("FIF=halves64.tif&COL=binary&PTL=0,1");
        assertEquals(200, r.status(), r.bodyText());
        assertEquals(255, Harness.decode(r).getRaster().getSample(5, 5, 0));
    }

    @Test
    void stretchAndEqualisationUseTheImageHistogram() {
        // as iipsrv, the histogram is that of tile 0 of the smallest level: here the one level's
        // top-left 32x32 tile, of grey16 >> 8
        int lo = grey16(0, 0) >> 8, hi = grey16(31, 31) >> 8;
        assertGrey("FIF=g16.tif&CNT=st&CVT=png", (x, y) -> q((grey16(x, y) - lo * 256.0) / ((hi - lo) * 256.0)), 1);
        Raster eq = png("FIF=halves.tif&CNT=eq&CVT=png");
        // 220 is the most common and the top value: equalised to 255; the darkest value to 0
        assertEquals(255, eq.getSample(70, 5, 0));
        assertEquals(0, eq.getSample(0, 0, 0));
    }

    @Test
    void iiifExtensionQualitiesWhenEnabled() throws IOException {
        var iiif = Map.<String, org.tessera.protocol.ProtocolHandler>of("iiif", new org.tessera.protocol.iiif.IiifHandler(
                org.tessera.format.OutputFormats.of(org.tessera.format.OutputFormat.PNG, org.tessera.format.OutputFormat.JPEG)));
        f = new IipFixture(Map.of("IIIF_EXTENSIONS", "1"), iiif);
        put("g16.tif", new SampleTiff().size(W, H).tile(32, 32).bits(16, 1).samples((p, x, y, c) -> grey16(x, y)));
        assertGrey("IIIF=g16.tif/full/max/0/negative.png", (x, y) -> q(1 - n16(x, y)), 1);
        assertGrey("IIIF=g16.tif/full/max/0/log.png", (x, y) -> q(Math.log(1 + 255 * n16(x, y)) / Math.log(256)), 1);
        HttpResponse info = f.get("IIIF=g16.tif/info.json");
        assertTrue(info.bodyText().contains("\"negative\""), info.bodyText());
        f = new IipFixture(Map.of(), iiif);
        put("g16.tif", new SampleTiff().size(W, H).tile(32, 32).bits(16, 1).samples((p, x, y, c) -> grey16(x, y)));
        assertEquals(400, f.get("IIIF=g16.tif/full/max/0/negative.png").status());
    }

    @Test
    void layersAreNothingToSelectInTiffAndReachLayeredSources() throws IOException {
        assertGrey("FIF=g16.tif&LYR=3&CVT=png", (x, y) -> grey16(x, y) >> 8, 0);
        assertEquals(400, f.get("FIF=g16.tif&LYR=-1&CVT=png").status());
        java.util.List<Integer> askedLayers = new java.util.concurrent.CopyOnWriteArrayList<>();
        TiffImageSource tiff = TiffImageSource.open(new SampleTiff().size(W, H).tile(32, 32).write(dir.resolve("l.tif")),
                new ImageIoJpegDecoder());
        f.images.put("layered.jp2", new org.tessera.source.ImageSource() {
            @Override
            public org.tessera.image.ImageInfo info() { return tiff.info(); }

            @Override
            public org.tessera.image.PixelImage readTile(int page, int level, int col, int row) throws IOException {
                return tiff.readTile(page, level, col, row);
            }

            @Override
            public org.tessera.image.PixelImage readTile(int page, int level, int col, int row, int layers) throws IOException {
                askedLayers.add(layers);
                return tiff.readTile(page, level, col, row);
            }

            @Override
            public boolean hasQualityLayers() { return true; }

            @Override
            public void close() {
            }
        });
        assertEquals(200, f.get("FIF=layered.jp2&JTL=0,0").status());
        HttpResponse r = f.get("FIF=layered.jp2&LYR=2&JTL=0,0");
        assertEquals(200, r.status(), r.bodyText());
        assertEquals(java.util.List.of(0, 2), askedLayers, "the default, then the layers LYR asked for");
    }

    @Test
    void badArgumentsAreClearErrors() {
        for (String q : new String[] {"CMP=purple", "CNV=[1,2,3]", "CNV=blur", "MINMAX=abc", "MINMAX=0:5,1", "SHD=45",
                "CNT=lots", "GAM=x", "CTW=[a,b]", "COL=sepia"}) {
            HttpResponse r = f.get("FIF=g16.tif&" + q + "&CVT=png");
            assertEquals(400, r.status(), q + " -> " + r.bodyText());
        }
        HttpResponse shd = f.get("FIF=g16.tif&SHD=45,45&CVT=png");
        assertEquals(400, shd.status(), "hill shading needs 3 channels");
        assertTrue(shd.bodyText().contains("SHD"), shd.bodyText());
    }
}
