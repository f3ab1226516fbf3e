package org.tessera.image;

/**
 * Decoded samples at their full precision, any number of channels (multispectral bands included),
 * interleaved, rows top to bottom: the sample of channel c at (x,y) is
 * {@code samples[(y * width + x) * channels + c]}. Values are the stored numbers (0..65535 for
 * 16-bit, the IEEE value for float data, negative for signed data), not yet normalised; the
 * processing operations work on this and {@link SampleScaling} turns it into 8-bit
 * {@link PixelImage} only before encoding. A float holds 8- and 16-bit integers exactly and
 * 32-bit integers to 24 significant bits, more than any 8-bit output can show.
 */
public record SampleRaster(int width, int height, int channels, float[] samples) {
    public SampleRaster {
        if (width <= 0 || height <= 0 || channels < 1) {
            throw new IllegalArgumentException("bad raster " + width + "x" + height + "x" + channels);
        }
        if (samples.length != (long) width * height * channels) {
            throw new IllegalArgumentException("raster holds " + samples.length + " samples, expected " + (long) width * height * channels);
        }
    }

    public static SampleRaster blank(int width, int height, int channels) {
        return new SampleRaster(width, height, channels, new float[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    /** The 8-bit samples as numbers 0..255, channel for channel. */
    public static SampleRaster of(PixelImage image) {
        byte[] p = image.pixels();
        float[] s = new float[p.length];
        for (int i = 0; i < p.length; i++) s[i] = p[i] & 0xFF;
        return new SampleRaster(image.width(), image.height(), image.channels(), s);
    }

    public float sample(int x, int y, int c) { return samples[(y * width + x) * channels + c]; }

    public int pixelCount() { return width * height; }

    /** A copy of the given sub-rectangle (which must lie inside the raster). */
    public SampleRaster crop(Rect r) {
        if (r.x() == 0 && r.y() == 0 && r.width() == width && r.height() == height) return this;
        if (r.x() < 0 || r.y() < 0 || r.right() > width || r.bottom() > height || r.isEmpty()) {
            throw new IllegalArgumentException("crop " + r + " outside " + width + "x" + height);
        }
        float[] out = new float[r.width() * r.height() * channels];
        int rowSamples = r.width() * channels;
        for (int row = 0; row < r.height(); row++) {
            System.arraycopy(samples, ((r.y() + row) * width + r.x()) * channels, out, row * rowSamples, rowSamples);
        }
        return new SampleRaster(r.width(), r.height(), channels, out);
    }

    /** Copies {@code src} in with its top-left corner at (x,y), clipped. Mutates this raster: use only while building. */
    public void paste(SampleRaster src, int x, int y) {
        if (src.channels != channels) throw new IllegalArgumentException("channel mismatch");
        int w = Math.min(src.width, width - x), h = Math.min(src.height, height - y);
        for (int row = 0; row < h; row++) {
            System.arraycopy(src.samples, row * src.width * channels, samples, ((y + row) * width + x) * channels, w * channels);
        }
    }
}
