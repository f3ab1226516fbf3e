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
        };
    }
}
