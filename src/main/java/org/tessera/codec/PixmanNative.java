package org.tessera.codec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Direct-mapped binding to the part of pixman (Debian's libpixman-1-0) Tessera scales with: an
 * image over memory of ours, an affine transform, the bilinear filter and one composite. Pointers
 * are {@code long} addresses; pixman only ever reads inside the images it is given (edges are
 * repeated), so no address arithmetic is handed to it.
 */
final class PixmanNative {
    /** pixman_format_code_t: 32 bpp, A (or unused X), R, G, B from the high byte down (bytes B, G, R, A in memory). */
    static final int FORMAT_A8R8G8B8 = 0x20028888;
    static final int FORMAT_X8R8G8B8 = 0x20020888;
    static final int FILTER_BILINEAR = 4;
    static final int REPEAT_PAD = 3;
    static final int OP_SRC = 1;
    /** sizeof(struct pixman_transform): 3x3 pixman_fixed_t (16.16). */
    static final int TRANSFORM_SIZE = 36;
    /** pixman_fixed_t's one. */
    static final int FIXED_ONE = 1 << 16;

    private PixmanNative() {
    }

    static {
        Native.register(PixmanNative.class, openLibrary());
    }

    /** System property naming the library file, for installs outside Debian's paths. */
    static final String LIBRARY_PROPERTY = "tessera.pixman.library";

    private static NativeLibrary openLibrary() {
        return NativeLibraries.open(LIBRARY_PROPERTY, "libpixman-1.so.0", "pixman-1");
    }

    static native int pixman_version();

    static native long pixman_image_create_bits(int format, int width, int height, long bits, int rowStride);

    static native int pixman_image_set_transform(long image, long transform);

    static native int pixman_image_set_filter(long image, int filter, long params, int paramCount);

    static native void pixman_image_set_repeat(long image, int repeat);

    static native void pixman_image_composite32(int op, long src, long mask, long dest, int srcX, int srcY, int maskX,
                                                int maskY, int destX, int destY, int width, int height);

    static native int pixman_image_unref(long image);
}
