package org.tessera.image;

/**
 * Decoded 8-bit pixels, interleaved, rows top to bottom, no padding: the sample of channel c at
 * (x,y) is {@code pixels[(y * width + x) * channels + c]}. Channels: 1 grey, 2 grey+alpha, 3 RGB,
 * 4 RGBA. Treated as immutable once built: operations return new images.
 */
public record PixelImage(int width, int height, int channels, byte[] pixels) {
    public PixelImage {
        if (width <= 0 || height <= 0 || channels < 1 || channels > 4) {
            throw new IllegalArgumentException("bad image " + width + "x" + height + "x" + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixel buffer is " + pixels.length + " bytes, expected " + (long) width * height * channels);
        }
    }

    public static PixelImage blank(int width, int height, int channels) {
        return new PixelImage(width, height, channels, new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    public int sample(int x, int y, int c) { return pixels[(y * width + x) * channels + c] & 0xFF; }

    public int stride() { return width * channels; }

    /** A copy of the given sub-rectangle (which must lie inside the image). */
    public PixelImage crop(Rect r) {
        if (r.x() == 0 && r.y() == 0 && r.width() == width && r.height() == height) return this;
        if (r.x() < 0 || r.y() < 0 || r.right() > width || r.bottom() > height || r.isEmpty()) {
            throw new IllegalArgumentException("crop " + r + " outside " + width + "x" + height);
        }
        byte[] out = new byte[r.width() * r.height() * channels];
        int rowBytes = r.width() * channels;
        for (int row = 0; row < r.height(); row++) {
            System.arraycopy(pixels, ((r.y() + row) * width + r.x()) * channels, out, row * rowBytes, rowBytes);
        }
        return new PixelImage(r.width(), r.height(), channels, out);
    }

    /** Copies {@code src} into this image's buffer with its top-left corner at (x,y); clipped. Mutates this buffer: use only while building. */
    public void paste(PixelImage src, int x, int y) {
        if (src.channels != channels) throw new IllegalArgumentException("channel mismatch");
        int w = Math.min(src.width, width - x), h = Math.min(src.height, height - y);
        for (int row = 0; row < h; row++) {
            System.arraycopy(src.pixels, row * src.stride(), pixels, ((y + row) * width + x) * channels, w * channels);
        }
    }
}
