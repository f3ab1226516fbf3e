package org.tessera.pipeline;

import java.io.IOException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tessera.codec.NativeScaling;
import org.tessera.image.PixelImage;

/**
 * One bilinear reduction of an RGB picture as an export makes it (a level region up to twice the
 * output, here 1500x1125 -> 1000x750 by default), by the Java filter and by pixman through
 * {@link NativeScaling}; the source is in memory, so only the scaling is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ScaleBenchmark {
    @Param({"1500x1125"})
    String source;

    @Param({"1000x750"})
    String output;

    private PixelImage image;
    private int width;
    private int height;
    private NativeScaling scaling;

    @Setup
    public void setUp() {
        String[] s = source.split("x"), o = output.split("x");
        int sw = Integer.parseInt(s[0]), sh = Integer.parseInt(s[1]);
        width = Integer.parseInt(o[0]);
        height = Integer.parseInt(o[1]);
        byte[] px = new byte[sw * sh * 3];
        Random r = new Random(1);
        // a photograph's smooth gradients with some noise
        for (int y = 0, i = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                px[i++] = (byte) (x * 255 / sw + r.nextInt(9));
                px[i++] = (byte) (y * 255 / sh + r.nextInt(9));
                px[i++] = (byte) ((x + y) * 127 / (sw + sh) + r.nextInt(9));
            }
        }
        image = new PixelImage(sw, sh, 3, px);
        scaling = NativeScaling.load();
    }

    @Benchmark
    public PixelImage java() throws IOException {
        return Resampler.resize(Rows.of(image), SourceWindow.whole(image.width(), image.height()), width, height,
                Interpolation.BILINEAR, Optional.empty());
    }

    @Benchmark
    public PixelImage pixman() throws IOException {
        return Resampler.resize(Rows.of(image), SourceWindow.whole(image.width(), image.height()), width, height,
                Interpolation.BILINEAR, Optional.of(scaling));
    }
}
