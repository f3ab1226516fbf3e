package org.tessera.pipeline.process;

import org.tessera.image.CieLab;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleFormat;
import org.tessera.image.SampleRaster;
import org.tessera.image.SampleScaling;
import org.tessera.request.Processing;

/**
 * The full-precision processing stage, in iipsrv's order (behaviour reference 13.1 step 8):
 * CIELAB to sRGB, normalise to 0..1 (sample range from the file, CNT=st's histogram bounds, then
 * MINMAX), hill-shade, colour twist, gamma or log, invert, colour map, convolution, and finally
 * contrast and quantisation to 8 bits. Stateless.
 */
public final class SampleProcessor {
    private SampleProcessor() {
    }

    /**
     * @param histogram the image's histogram when {@code p} uses one (CNT=st), else null
     */
    public static PixelImage process(SampleRaster raw, ImageInfo info, Processing p, Histogram histogram) {
        SampleRaster v = normalised(raw, info, p, histogram);
        if (p.shading().isPresent()) v = HillShading.apply(v, p.shading().get());
        if (p.twist().isPresent()) v = twist(v, p.twist().get());
        if (p.logarithm()) v = map(v, x -> (float) (Math.log1p(255.0 * x) / Math.log(256.0)));
        else if (p.gamma() != 1) v = map(v, x -> (float) Math.pow(Math.max(x, 0), p.gamma()));
        if (p.invert()) v = map(v, x -> 1 - x);
        if (p.colourMap().isPresent()) v = ColourMaps.apply(v, p.colourMap().get());
        if (p.kernel().isPresent()) v = Convolution.apply(v, p.kernel().get());
        return SampleScaling.quantise(v, p.contrastMode() == Processing.ContrastMode.FACTOR ? p.contrast() : 1);
    }

    static SampleRaster normalised(SampleRaster raw, ImageInfo info, Processing p, Histogram histogram) {
        int ch = raw.channels();
        if (info.colourSpace() == ColourSpace.CIELAB && ch >= 3) {
            raw = CieLab.toSrgb(raw, info.bitsPerSample(), info.sampleFormat(), info.maxValues().length > 3 ? info.maxValues()[3] : 255);
            return ranged(raw, ones(ch, 0), ones(ch, 1), p, true);
        }
        double[] min = fit(info.minValues(), ch), max = fit(info.maxValues(), ch);
        if (p.contrastMode() == Processing.ContrastMode.STRETCH && histogram != null) {
            double[][] r = histogram.stretchRange(info);
            min = fit(r[0], ch);
            max = fit(r[1], ch);
        }
        return ranged(raw, min, max, p, info.sampleFormat() == SampleFormat.FLOAT);
    }

    private static SampleRaster ranged(SampleRaster raw, double[] min, double[] max, Processing p, boolean floatData) {
        boolean overridden = false;
        for (Processing.SampleRange r : p.ranges()) {
            if (r.channel() < 0) {
                java.util.Arrays.fill(min, r.min());
                java.util.Arrays.fill(max, r.max());
                overridden = true;
            } else if (r.channel() < min.length) {
                min[r.channel()] = r.min();
                max[r.channel()] = r.max();
                overridden = true;
            }
        }
        // an explicit MINMAX of 0..1 on float data is still a range to apply, not the identity
        return SampleScaling.normalise(raw, min, max, floatData && !overridden);
    }

    private static double[] fit(double[] v, int channels) {
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) out[c] = v[Math.min(c, v.length - 1)];
        return out;
    }

    private static double[] ones(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    /** out_k = sum over j &lt; min(row length, channels) of m[k][j] * in_j; as many channels out as rows. */
    static SampleRaster twist(SampleRaster in, double[][] m) {
        int ch = in.channels(), och = m.length, n = in.pixelCount();
        float[] s = in.samples(), out = new float[n * och];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < och; k++) {
                double acc = 0;
                int cols = Math.min(m[k].length, ch);
                for (int j = 0; j < cols; j++) acc += m[k][j] * s[i * ch + j];
                out[i * och + k] = (float) acc;
            }
        }
        return new SampleRaster(in.width(), in.height(), och, out);
    }

    @FunctionalInterface
    private interface FloatOp {
        float apply(float v);
    }

    private static SampleRaster map(SampleRaster in, FloatOp op) {
        float[] s = in.samples(), out = new float[s.length];
        for (int i = 0; i < s.length; i++) out[i] = op.apply(s[i]);
        return new SampleRaster(in.width(), in.height(), in.channels(), out);
    }
}
