package org.tessera.codec;

import java.io.IOException;
import java.util.Arrays;

/**
 * Bilinear reductions in native code: pixman's SIMD bilinear filter, with libyuv widening and
 * narrowing the pixels around it. An export's reduction is the largest cost of its rendering, and
 * the JIT cannot vectorise the filter's column gathers: this is several times faster than the
 * same filter in Java. Stateless, so one instance serves every thread.
 */
public final class NativeScaling {
    private final String version;

    private NativeScaling(String version) {
        this.version = version;
    }

    /**
     * Loads libpixman-1.so.0 and libyuv.so.0 and checks them on a small picture whose reduction
     * is known.
     *
     * @throws IllegalStateException with the reason when either cannot be used
     */
    public static NativeScaling load() {
        int v;
        try {
            v = PixmanNative.pixman_version();
        } catch (LinkageError e) {
            throw new IllegalStateException("pixman unavailable: " + LoadFailures.reason(e), e);
        }
        NativeScaling scaling = new NativeScaling((v / 10000) + "." + (v / 100 % 100) + "." + (v % 100));
        // 4x2 -> 2x1: each output pixel is the mean of a 2x2 block (an exact 2x bilinear reduction)
        byte[] in = {10, 20, 30, 30, 40, 50, 50, 60, 70, 70, 80, 90,
                30, 40, 50, 50, 60, 70, 70, 80, 90, 90, 100, (byte) 255};
        byte[] out = new byte[6];
        try (BandedDownscale d = scaling.downscale(4, 2, 3, 0, 0, 4, 2, 1, 2, 1)) {
            d.scale(0, 1, BandedDownscale.rowsOf(in, 4, 3), out, 0);
        } catch (LinkageError e) {
            throw new IllegalStateException("libyuv unavailable: " + LoadFailures.reason(e), e);
        } catch (IOException e) {
            throw new IllegalStateException(e); // rows in memory are never read from a file
        }
        byte[] expected = {30, 40, 50, 70, 80, (byte) 126};
        if (!Arrays.equals(out, expected)) {
            throw new IllegalStateException("pixman scaled a test picture to " + Arrays.toString(out));
        }
        return scaling;
    }

    /** pixman's version, for the start-up log. */
    public String version() { return version; }

    /**
     * A bilinear reduction of a window of a {@code sourceWidth x sourceHeight} image of
     * {@code channels} bytes a pixel to {@code dstWidth x dstHeight}, a band at a time; see
     * {@link BandedDownscale#supports}.
     *
     * @param x the window (x, y, width, height), in 1/{@code unit} source pixels
     */
    public BandedDownscale downscale(int sourceWidth, int sourceHeight, int channels, long x, long y, long width,
                                     long height, int unit, int dstWidth, int dstHeight) {
        return new BandedDownscale(sourceWidth, sourceHeight, channels, x, y, width, height, unit, dstWidth, dstHeight);
    }
}
