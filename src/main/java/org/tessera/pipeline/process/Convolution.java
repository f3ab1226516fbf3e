package org.tessera.pipeline.process;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tessera.image.SampleRaster;

/** CNV: a 1x1, 3x3 or 5x5 kernel per channel, edges clamped, divided by the kernel's sum when positive (iipsrv). */
public final class Convolution {
    /** iipsrv's named kernels, row-major. */
    public static final Map<String, double[]> NAMED = Map.of(
            "sobel", new double[] {-1, 0, 1, -2, 0, 2, -1, 0, 1},
            "prewitt", new double[] {1, 0, -1, 1, 0, -1, 1, 0, -1},
            "scharr", new double[] {-3, 0, 3, -10, 0, 10, -3, 0, 3},
            "laplace", new double[] {-1, -1, -1, -1, 8, -1, -1, -1, -1},
            "gaussian", new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1},
            "sharpen", new double[] {0, -1, 0, -1, 5, -1, 0, -1, 0},
            "emboss", new double[] {-2, -1, 0, -1, 1, 1, 0, 1, 2});

    private Convolution() {
    }

    public static Optional<double[]> named(String name) {
        return Optional.ofNullable(NAMED.get(name.toLowerCase(Locale.ROOT))).map(double[]::clone);
    }

    /** Pixels a kernel reaches beyond the one it computes. */
    public static int radius(double[] kernel) { return side(kernel) / 2; }

    static int side(double[] kernel) { return kernel.length == 25 ? 5 : kernel.length == 9 ? 3 : 1; }

    static SampleRaster apply(SampleRaster in, double[] kernel) {
        int side = side(kernel), r = side / 2;
        double sum = 0;
        for (double k : kernel) sum += k;
        double norm = sum > 0 ? 1 / sum : 1;
        int w = in.width(), h = in.height(), ch = in.channels();
        float[] s = in.samples(), out = new float[s.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    for (int ky = 0; ky < side; ky++) {
                        int sy = Math.min(h - 1, Math.max(0, y + ky - r));
                        for (int kx = 0; kx < side; kx++) {
                            int sx = Math.min(w - 1, Math.max(0, x + kx - r));
                            acc += kernel[ky * side + kx] * s[(sy * w + sx) * ch + c];
                        }
                    }
                    out[(y * w + x) * ch + c] = (float) (acc * norm);
                }
            }
        }
        return new SampleRaster(w, h, ch, out);
    }
}
