package org.tessera.pipeline;

import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;

/**
 * Not a test: prints how long scaling a 2048x2048 RGB image to 1000 px takes with each method.
 * Run: java -cp target/classes:target/test-classes org.tessera.pipeline.ScaleSpeedMain
 */
public final class ScaleSpeedMain {
    private ScaleSpeedMain() {
    }

    public static void main(String[] args) {
        PixelImage src = TestPattern.image(2048, 2048, 3);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < src.pixels().length; i += 97) src.pixels()[i] = (byte) random.nextInt(256);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        report("nearest", () -> Resampler.resize(src, 1000, 1000, Interpolation.NEAREST), rounds);
        // 2048 -> 1000 is a reduction beyond 2x, so INTERPOLATION=1 takes the area-average path
        report("INTERPOLATION=1 (area average)", () -> Resampler.resize(src, 1000, 1000, Interpolation.BILINEAR), rounds);
        report("plain bilinear (forced)", () -> Resampler.bilinear(src, 1000, 1000), rounds);
        report("bilinear to 1100px", () -> Resampler.resize(src, 1100, 1100, Interpolation.BILINEAR), rounds);
        report("bilinear to 200px (area path)", () -> Resampler.resize(src, 200, 200, Interpolation.BILINEAR), rounds);
    }

    private static void report(String name, java.util.function.Supplier<PixelImage> job, int rounds) {
        long sink = 0;
        for (int i = 0; i < 5; i++) sink += job.get().pixels()[0];   // warm-up so the JIT has compiled the loop
        long best = Long.MAX_VALUE, total = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += job.get().pixels()[i % 100];
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
            total += t;
        }
        System.out.printf("%-32s best %6.2f ms  mean %6.2f ms  (%d)%n", name, best / 1e6, total / 1e6 / rounds, sink & 1);
    }
}
