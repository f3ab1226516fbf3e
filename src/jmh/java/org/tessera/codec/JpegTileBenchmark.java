package org.tessera.codec;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tessera.image.PixelImage;

/**
 * libjpeg-turbo through JNA on one 256x256 tile of noisy colour (as in a photographed page):
 * full decode, DCT-scaled decodes (what plain-JPEG levels use), encode, lossless crop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JpegTileBenchmark {
    @Param({"8", "4", "2", "1"})
    int eighths;

    private TurboJpeg turbo;
    private byte[] jpeg;
    private PixelImage pixels;

    @Setup
    public void setUp() throws IOException {
        turbo = TurboJpeg.load();
        pixels = PixelImage.blank(256, 256, 3);
        java.util.Random r = new java.util.Random(1);
        byte[] p = pixels.pixels();
        for (int i = 0; i < p.length; i++) p[i] = (byte) ((i / 3 % 256) + r.nextInt(40));
        jpeg = turbo.compress(pixels, 90);
    }

    @TearDown
    public void tearDown() {
        turbo.close();
    }

    @Benchmark
    public PixelImage decode() throws IOException {
        return turbo.decompressScaled(jpeg, 8 / eighths);
    }

    /** Encode and lossless crop of the same tile; they do not depend on a scale. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public static class Encode {
        private final JpegTileBenchmark tile = new JpegTileBenchmark();

        @Setup
        public void setUp() throws IOException {
            tile.setUp();
        }

        @TearDown
        public void tearDown() {
            tile.tearDown();
        }

        @Benchmark
        public byte[] encode() throws IOException {
            return tile.turbo.compress(tile.pixels, 75);
        }

        @Benchmark
        public byte[] losslessCrop() throws IOException {
            return tile.turbo.losslessCrop(tile.jpeg, 100, 120);
        }
    }
}
