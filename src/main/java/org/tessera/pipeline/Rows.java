package org.tessera.pipeline;

import java.io.IOException;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

/**
 * An 8-bit interleaved image as the resampler reads it: one row at a time, top to bottom, so a
 * region can be decoded strip by strip while it is being scaled instead of all at once. Each row
 * asked for is at least the previous one asked for minus one (bilinear filtering reads two
 * neighbouring rows); rows may be skipped.
 */
public interface Rows {
    int width();

    int height();

    int channels();

    /** The array holding row {@code y}; the row's first sample is at {@link #offset(int)}. */
    byte[] array(int y) throws IOException;

    /** Where row {@code y} starts in {@link #array(int)}, which must have been asked for first. */
    int offset(int y);

    /** A rectangle of stored pixels: {@code height} rows of {@code width} pixels whose top-left is (x, y). */
    @FunctionalInterface
    interface Block {
        /** Row {@code i} of the block starts at {@code array[offset + i * stride]}. */
        void block(byte[] array, int offset, int stride, int x, int y, int width, int height) throws IOException;
    }

    /**
     * Hands {@code sink} blocks that together hold rows {@code y0..y1} (whole rows, or more: a
     * reader clips what it needs), under the same order rule as {@link #array}. Here: the rows
     * themselves, rows that follow each other in one array as one block.
     */
    default void blocks(int y0, int y1, Block sink) throws IOException {
        int rowBytes = width() * channels();
        for (int y = y0; y <= y1; ) {
            byte[] array = array(y);
            int offset = offset(y), run = 1;
            while (y + run <= y1 && array(y + run) == array && offset(y + run) == offset + run * rowBytes) run++;
            sink.block(array, offset, rowBytes, 0, y, width(), run);
            y += run;
        }
    }

    /** All of {@code image}. */
    static Rows of(PixelImage image) {
        return view(image, new Rect(0, 0, image.width(), image.height()));
    }

    /** The part {@code area} of {@code image}, without copying it. */
    static Rows view(PixelImage image, Rect area) {
        if (area.isEmpty() || area.x() < 0 || area.y() < 0 || area.right() > image.width() || area.bottom() > image.height()) {
            throw new IllegalArgumentException("view " + area + " outside " + image.width() + "x" + image.height());
        }
        return new Rows() {
            @Override
            public int width() { return area.width(); }

            @Override
            public int height() { return area.height(); }

            @Override
            public int channels() { return image.channels(); }

            @Override
            public byte[] array(int y) { return image.pixels(); }

            @Override
            public int offset(int y) { return ((area.y() + y) * image.width() + area.x()) * image.channels(); }

            @Override
            public void blocks(int y0, int y1, Block sink) throws IOException {
                // the view's rows lie in the image at its stride: one block, however narrow the view
                sink.block(image.pixels(), offset(y0), image.width() * image.channels(), 0, y0, area.width(), y1 - y0 + 1);
            }
        };
    }
}
