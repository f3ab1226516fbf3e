package org.tessera.codec;

import java.io.IOException;

/** Sizes a decoder refuses before allocating anything: a forged header must not exhaust memory. */
final class ImageLimits {
    static final int MAX_SIDE = 50_000;
    static final long MAX_AREA = 1L << 28;

    private ImageLimits() {
    }

    static void check(int width, int height) throws IOException {
        if (width < 1 || height < 1) throw new IOException("invalid image size " + width + "x" + height);
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_AREA) {
            throw new IOException("image too large: " + width + "x" + height);
        }
    }
}
