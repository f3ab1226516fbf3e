package org.tessera.image;

/**
 * Turns full-precision samples into the 8-bit pixels encoders take, as iipsrv does when no
 * processing is asked for (behaviour reference 13.5): unsigned integers by their high bits
 * (16-bit: v &gt;&gt; 8, 12-bit: v &gt;&gt; 4; 32-bit: v &gt;&gt; 24, where iipsrv takes bits 16..23 by mistake), float and
 * signed data normalised per channel to the image's sample range, CIELAB converted to sRGB.
 * Images with more than 4 bands keep the first 3, as iipsrv's encoders do.
 */
public final class SampleScaling {
    private SampleScaling() {
    }

    public static PixelImage toPixels(SampleRaster raw, ImageInfo info) {
        if (info.colourSpace() == ColourSpace.CIELAB && raw.channels() >= 3) {
            return quantise(CieLab.toSrgb(raw, info.bitsPerSample(), info.sampleFormat(), alphaMax(info)), 1.0);
        }
        if (info.sampleFormat() != SampleFormat.UNSIGNED_INT) {
            return quantise(normalise(raw, info.minValues(), info.maxValues(), info.sampleFormat() == SampleFormat.FLOAT), 1.0);
        }
        // the high byte: 10- to 16-bit samples lose their low bits (iipsrv replicates 10/12/14
        // bits to 16 and takes the high byte: the same result), 32-bit keeps its top byte
        int shift = info.bitsPerSample() <= 8 ? 0 : info.bitsPerSample() <= 16 ? info.bitsPerSample() - 8 : 24;
        int ch = raw.channels(), och = outputChannels(ch);
        float[] in = raw.samples();
        int n = raw.pixelCount();
        byte[] out = new byte[n * och];
        for (int i = 0, s = 0, d = 0; i < n; i++, s += ch, d += och) {
            for (int c = 0; c < och; c++) out[d + c] = (byte) ((long) in[s + c] >> shift);
        }
        return new PixelImage(raw.width(), raw.height(), och, out);
    }

    /**
     * (v - min[c]) / (max[c] - min[c]) per channel, NaN and infinities as 0. For float data a
     * channel whose range is 0..1 is left as it is (iipsrv), so values beyond 1 survive to be
     * clipped by the quantisation.
     */
    public static SampleRaster normalise(SampleRaster raw, double[] min, double[] max, boolean floatData) {
        int ch = raw.channels();
        float[] in = raw.samples(), out = new float[in.length];
        for (int c = 0; c < ch; c++) {
            double lo = min[Math.min(c, min.length - 1)], hi = max[Math.min(c, max.length - 1)];
            boolean identity = floatData && lo == 0 && hi == 1;
            double scale = hi > lo ? 1.0 / (hi - lo) : 0;
            for (int i = c; i < in.length; i += ch) {
                float v = in[i];
                if (!Float.isFinite(v)) out[i] = 0;
                else out[i] = identity ? v : (float) ((v - lo) * scale);
            }
        }
        return new SampleRaster(raw.width(), raw.height(), ch, out);
    }

    /**
     * Normalised samples (0..1) to 8 bits: clamp(v * 255 * contrast, 0, 255), truncated, as
     * iipsrv's contrast step; more than 4 channels keep the first 3.
     */
    public static PixelImage quantise(SampleRaster norm, double contrast) {
        int ch = norm.channels(), och = outputChannels(ch);
        float[] in = norm.samples();
        int n = norm.pixelCount();
        byte[] out = new byte[n * och];
        double k = 255.0 * contrast;
        for (int i = 0, s = 0, d = 0; i < n; i++, s += ch, d += och) {
            for (int c = 0; c < och; c++) {
                double v = in[s + c] * k;
                out[d + c] = (byte) (v >= 255 ? 255 : v <= 0 || Double.isNaN(v) ? 0 : (int) v);
            }
        }
        return new PixelImage(norm.width(), norm.height(), och, out);
    }

    static int outputChannels(int channels) { return channels > 4 ? 3 : channels; }

    private static double alphaMax(ImageInfo info) {
        return info.maxValues().length > 3 ? info.maxValues()[3] : 255;
    }
}
