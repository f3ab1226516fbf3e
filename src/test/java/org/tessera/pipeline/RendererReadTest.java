package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.cache.DecodedTileCache;
import org.tessera.config.Config;
import org.tessera.format.OutputFormat;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.request.Processing;
import org.tessera.testing.ImageIoTestCodecs;

/** Which way the renderer reads a plan's region, and that streaming it changes no pixel. */
class RendererReadTest {
    private static final Level LEVEL = new Level(4000, 3000, 256, 256);
    private static final Operation.Encode JPEG = new Operation.Encode(OutputFormat.JPEG, -1);
    private final RegionReader reader = new RegionReader(new DecodedTileCache(0), 2);
    private final Renderer renderer = new Renderer(Config.defaults("/tmp/"), new ImageIoTestCodecs(), reader);

    @AfterEach
    void close() {
        reader.close();
    }

    private static Plan plan(Rect region, Operation... ops) {
        return new Plan(0, 0, LEVEL, region, List.of(ops));
    }

    /** A source that reads any region in one go, as JPEG 2000 sources do. */
    private static final class RegionSource extends DelegatingSource {
        RegionSource(FunctionTileSource inner) { super(inner); }

        @Override
        public boolean readsRegions() { return true; }

        @Override
        public Optional<PixelImage> readRegion(int page, int level, Rect region, int layers) {
            return Optional.of(((FunctionTileSource) inner).levelImage().crop(region));
        }
    }

    @Test
    void aFirstScaleIsStreamedAtTheSmallestCheapFactor() {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of(1, 2, 4));
        ReadStrategy read = renderer.strategy(source, plan(new Rect(0, 0, 4000, 3000),
                new Operation.Scale(1000, 750, Interpolation.BILINEAR), JPEG));
        assertEquals(new ReadStrategy(new DecodeScale(4), true, 2), read);
        ReadStrategy eighth = renderer.strategy(source, plan(new Rect(0, 0, 4000, 3000),
                new Operation.Scale(400, 300, Interpolation.NEAREST), JPEG));
        assertEquals(new DecodeScale(1), eighth.scale());
        ReadStrategy upscale = renderer.strategy(source, plan(new Rect(0, 0, 500, 300),
                new Operation.Scale(1000, 600, Interpolation.BILINEAR), JPEG));
        assertEquals(new ReadStrategy(DecodeScale.FULL, true, 2), upscale);
        ReadStrategy oneTile = renderer.strategy(source, plan(new Rect(0, 0, 200, 200),
                new Operation.Scale(49, 49, Interpolation.BILINEAR), JPEG)); // 2/8 of 200 leaves the one pixel of margin
        assertEquals(new ReadStrategy(new DecodeScale(2), true, 1), oneTile);
    }

    @Test
    void processingAndPlansWithoutAFirstScaleReadTheRegionWhole() {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of(1, 2, 4));
        assertEquals(ReadStrategy.WHOLE, renderer.strategy(source, plan(new Rect(0, 0, 1000, 1000), JPEG)));
        assertEquals(ReadStrategy.WHOLE, renderer.strategy(source, plan(new Rect(0, 0, 1000, 1000),
                new Operation.Rotate(90, false), new Operation.Scale(100, 100, Interpolation.BILINEAR), JPEG)));
        assertEquals(ReadStrategy.WHOLE, renderer.strategy(source, plan(new Rect(0, 0, 4000, 3000),
                new Operation.Process(Processing.NONE.withGamma(2)), new Operation.Scale(100, 75, Interpolation.BILINEAR), JPEG)));
    }

    @Test
    void sourcesReadingRegionsKeepDoingSoForSeveralTiles() throws IOException {
        RegionSource source = new RegionSource(new FunctionTileSource(LEVEL, 3, Set.of()));
        Plan several = plan(new Rect(100, 100, 1000, 800), new Operation.Scale(500, 400, Interpolation.BILINEAR), JPEG);
        assertEquals(ReadStrategy.WHOLE, renderer.strategy(source, several));
        Plan one = plan(new Rect(10, 10, 200, 200), new Operation.Scale(100, 100, Interpolation.BILINEAR), JPEG);
        assertTrue(renderer.strategy(source, one).streamed());
        assertFalse(renderer.strategy(source, one).scale().reduced());
        PixelImage expected = Resampler.resize(((FunctionTileSource) source.inner).levelImage().crop(several.region()), 500, 400,
                Interpolation.BILINEAR);
        assertArrayEquals(expected.pixels(), renderer.pixels(source, "f", several, false).pixels());
    }

    @ParameterizedTest
    @CsvSource({"0,0,4000,3000,1000,750", "0,0,4000,3000,300,225", "37,51,1203,899,700,500", "3700,2800,300,200,150,100",
            "256,256,256,256,100,100", "10,10,300,300,599,599", "0,0,4000,3000,3999,1"})
    void streamingAtFullSizeChangesNoPixel(int x, int y, int w, int h, int ow, int oh) throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of());
        Rect region = new Rect(x, y, w, h);
        for (Interpolation interpolation : Interpolation.values()) {
            Plan p = plan(region, new Operation.Scale(ow, oh, interpolation), new Operation.Mirror(), JPEG);
            assertTrue(renderer.strategy(source, p).streamed());
            // what the renderer did before it streamed: the whole region, then each operation
            PixelImage before = Renderer.apply(source.levelImage().crop(region), p.operations());
            assertArrayEquals(before.pixels(), renderer.pixels(source, "f", p, false).pixels(), interpolation.toString());
        }
    }

    /**
     * With pixman and libyuv loaded, a streamed bilinear reduction is done natively, a band at a
     * time as the strips are decoded: every pixel within a few levels of the Java filter's (7-bit
     * weights on this noisy pattern), no bias beyond pixman's dropped fractions.
     */
    @ParameterizedTest
    @CsvSource({"0,0,4000,3000,2100,1600", "37,51,1203,899,700,500", "3700,2800,300,200,150,100",
            "256,256,256,256,200,140", "10,10,1300,1100,1299,1000", "0,0,4000,3000,3999,1"})
    void streamingIntoNativeScalingIsTheJavaFilterWithinLevels(int x, int y, int w, int h, int ow, int oh) throws IOException {
        Renderer nativeRenderer = nativeRenderer(org.tessera.codec.NativeScaling.load());
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of());
        Rect region = new Rect(x, y, w, h);
        Plan p = plan(region, new Operation.Scale(ow, oh, Interpolation.BILINEAR), JPEG);
        assertTrue(nativeRenderer.strategy(source, p).streamed());
        byte[] java = Resampler.resize(source.levelImage().crop(region), ow, oh, Interpolation.BILINEAR).pixels();
        byte[] got = nativeRenderer.pixels(source, "f", p, false).pixels();
        assertEquals(java.length, got.length);
        long bias = 0;
        for (int i = 0; i < java.length; i++) {
            int d = (got[i] & 0xFF) - (java[i] & 0xFF);
            bias += d;
            assertTrue(Math.abs(d) <= 5, "sample " + i + ": " + (got[i] & 0xFF) + " against " + (java[i] & 0xFF));
        }
        assertTrue(Math.abs((double) bias / java.length) <= 0.6, "mean difference " + (double) bias / java.length);
    }

    /**
     * A region read whole (a source that decodes regions itself, as JPEG 2000 does) is scaled
     * afterwards by the same native reduction as a streamed one.
     */
    @Test
    void aRegionReadWholeIsScaledNativelyToo() throws IOException {
        org.tessera.codec.NativeScaling scaling = org.tessera.codec.NativeScaling.load();
        RegionSource source = new RegionSource(new FunctionTileSource(LEVEL, 3, Set.of()));
        Plan p = plan(new Rect(100, 100, 1000, 800), new Operation.Scale(700, 560, Interpolation.BILINEAR), JPEG);
        Renderer nativeRenderer = nativeRenderer(scaling);
        assertEquals(ReadStrategy.WHOLE, nativeRenderer.strategy(source, p));
        PixelImage expected = Resampler.resize(((FunctionTileSource) source.inner).levelImage().crop(p.region()), 700, 560,
                Interpolation.BILINEAR, Optional.of(scaling));
        assertArrayEquals(expected.pixels(), nativeRenderer.pixels(source, "f", p, false).pixels());
    }

    private Renderer nativeRenderer(org.tessera.codec.NativeScaling scaling) {
        ImageIoTestCodecs jdk = new ImageIoTestCodecs();
        org.tessera.codec.Codecs codecs = new org.tessera.codec.Codecs() {
            @Override
            public org.tessera.codec.JpegDecoder jpegDecoder() { return jdk.jpegDecoder(); }

            @Override
            public Optional<org.tessera.codec.ImageEncoder> encoder(OutputFormat format) { return jdk.encoder(format); }

            @Override
            public boolean nativeJpeg() { return false; }

            @Override
            public Optional<org.tessera.codec.NativeScaling> scaler() { return Optional.of(scaling); }
        };
        return new Renderer(Config.defaults("/tmp/"), codecs, reader);
    }
}
