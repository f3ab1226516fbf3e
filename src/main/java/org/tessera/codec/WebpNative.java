package org.tessera.codec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped binding to libwebp's simple API (Debian's libwebp.so.7, libwebp 1.2). Every
 * {@code size_t} is a Java {@code long}: the loader checks for a 64-bit platform.
 */
final class WebpNative {
    static final boolean SIZE_T_IS_64_BIT = Native.SIZE_T_SIZE == 8;
    /** WEBP_DECODER_ABI_VERSION of libwebp 1.2; libwebp checks only the major (high) byte. */
    static final int DECODER_ABI_VERSION = 0x0209;
    /** sizeof(WebPBitstreamFeatures): width, height, has_alpha, has_animation, format, pad[5]. */
    static final int FEATURES_SIZE = 40;
    /** Largest width or height a WebP image can have. */
    static final int MAX_DIMENSION = 16383;

    private WebpNative() {
    }

    static {
        Native.register(WebpNative.class, openLibrary());
    }

    private static NativeLibrary openLibrary() {
        try {
            return NativeLibrary.getInstance("libwebp.so.7");
        } catch (UnsatisfiedLinkError versioned) {
            return NativeLibrary.getInstance("webp");
        }
    }

    static native int WebPGetEncoderVersion();

    static native long WebPEncodeRGB(Pointer rgb, int width, int height, int stride, float qualityFactor, Pointer output);

    static native long WebPEncodeRGBA(Pointer rgba, int width, int height, int stride, float qualityFactor, Pointer output);

    static native long WebPEncodeLosslessRGB(Pointer rgb, int width, int height, int stride, Pointer output);

    static native long WebPEncodeLosslessRGBA(Pointer rgba, int width, int height, int stride, Pointer output);

    static native void WebPFree(Pointer ptr);

    static native int WebPGetInfo(Pointer data, long dataSize, Pointer width, Pointer height);

    static native int WebPGetFeaturesInternal(Pointer data, long dataSize, Pointer features, int version);

    static native Pointer WebPDecodeRGB(Pointer data, long dataSize, Pointer width, Pointer height);

    static native Pointer WebPDecodeRGBA(Pointer data, long dataSize, Pointer width, Pointer height);
}
