package org.tessera.codec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Direct-mapped binding to libyuv's (Debian's libyuv0, which libavif already pulls in) SIMD
 * conversions between 3 and 4 bytes a pixel, around pixman's scaling of 4-byte pixels. Pointers
 * are {@code long} addresses: no {@code Pointer} object is made per call. (libyuv's own bilinear
 * scaling is not used: the version in Debian 12 darkens by up to two levels, 255 becoming 253.)
 */
final class LibyuvNative {

    private LibyuvNative() {
    }

    static {
        Native.register(LibyuvNative.class, openLibrary());
    }

    /** System property naming the library file, for installs outside Debian's paths. */
    static final String LIBRARY_PROPERTY = "tessera.libyuv.library";

    private static NativeLibrary openLibrary() {
        return NativeLibraries.open(LIBRARY_PROPERTY, "libyuv.so.0", "yuv");
    }

    /** 3 bytes a pixel to 4 (the fourth 255), byte order kept. */
    static native int RGB24ToARGB(long src, int srcStride, long dst, int dstStride, int width, int height);

    /** 4 bytes a pixel, copied between strides. */
    static native int ARGBCopy(long src, int srcStride, long dst, int dstStride, int width, int height);

    /** 4 bytes a pixel to 3, byte order kept: the inverse of {@link #RGB24ToARGB}. */
    static native int ARGBToRGB24(long src, int srcStride, long dst, int dstStride, int width, int height);
}
