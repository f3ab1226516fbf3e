package org.tessera.pipeline.process;

import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleFormat;
import org.tessera.pipeline.ColourConversion;

/**
 * One 256-bin histogram of the whole image, as iipsrv takes it: from tile 0 of the smallest
 * level, of each pixel's channel mean (rounded), after scaling to 8 bits. Every tile of a view
 * uses the same one, so thresholds, stretches and equalisation have no seams.
 */
public record Histogram(int[] bins) {
    public Histogram {
        if (bins.length != 256) throw new IllegalArgumentException("256 bins");
        bins = bins.clone();
    }

    public static Histogram of(PixelImage image) {
        int[] h = new int[256];
        int ch = image.channels();
        byte[] p = image.pixels();
        for (int i = 0; i < p.length; i += ch) {
            int sum = 0;
            for (int c = 0; c < ch; c++) sum += p[i + c] & 0xFF;
            h[(sum + ch / 2) / ch]++;
        }
        return new Histogram(h);
    }

    /** The Otsu threshold: grey values at or below it become black. */
    public int otsuThreshold() { return ColourConversion.otsuThreshold(bins); }

    public int firstBin() {
        for (int i = 0; i < 256; i++) if (bins[i] != 0) return i;
        return 0;
    }

    public int lastBin() {
        for (int i = 255; i >= 0; i--) if (bins[i] != 0) return i;
        return 255;
    }

    /**
     * CNT=st: the sample range the histogram's first and last non-empty bins stand for, per
     * channel: bins shifted up to the stored depth for integers (iipsrv), mapped into the
     * channel's range for float and signed data.
     */
    public double[][] stretchRange(ImageInfo info) {
        int ch = info.channels();
        double[] min = new double[ch], max = new double[ch];
        int lo = firstBin(), hi = lastBin();
        for (int c = 0; c < ch; c++) {
            if (info.sampleFormat() == SampleFormat.UNSIGNED_INT && info.bitsPerSample() >= 8) {
                int shift = info.bitsPerSample() - 8;
                min[c] = (double) lo * (1L << shift);
                max[c] = (double) hi * (1L << shift);
            } else {
                double a = info.minValues()[c], b = info.maxValues()[c];
                min[c] = a + lo / 255.0 * (b - a);
                max[c] = a + hi / 255.0 * (b - a);
            }
        }
        return new double[][] {min, max};
    }

    /** Histogram equalisation: each 8-bit value to its place in the cumulative distribution, the first occupied value to 0. */
    public int[] equalisation() {
        long total = 0;
        for (int b : bins) total += b;
        int[] lut = new int[256];
        long first = bins[firstBin()];
        long cdf = 0;
        for (int i = 0; i < 256; i++) {
            cdf += bins[i];
            lut[i] = total == first ? i : (int) Math.max(0, Math.min(255, Math.round(255.0 * (cdf - first) / (total - first))));
        }
        return lut;
    }

    /** Applies a 256-entry table to every channel but alpha of an 8-bit image. */
    public static PixelImage apply(PixelImage image, int[] lut) {
        int ch = image.channels();
        int colours = ch == 2 || ch == 4 ? ch - 1 : ch;
        byte[] in = image.pixels(), out = in.clone();
        for (int i = 0; i < in.length; i += ch) {
            for (int c = 0; c < colours; c++) out[i + c] = (byte) lut[in[i + c] & 0xFF];
        }
        return new PixelImage(image.width(), image.height(), ch, out);
    }
}
