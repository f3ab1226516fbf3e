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

    // Advanced API layouts (LP64, libwebp 1.x; the padding fields keep them stable across 1.x).
    /** WEBP_ENCODER_ABI_VERSION of libwebp 1.2; libwebp checks only the major (high) byte. */
    static final int ENCODER_ABI_VERSION = 0x020f;
    /** Room for WebPConfig (about 120 bytes in 1.x): libwebp fills it, we set a few fields. */
    static final int CONFIG_SIZE = 256;
    static final int CONFIG_LOSSLESS = 0, CONFIG_QUALITY = 4, CONFIG_METHOD = 8, CONFIG_THREAD_LEVEL = 84;
    /** sizeof(WebPPicture). */
    static final int PICTURE_SIZE = 256;
    static final int PICTURE_USE_ARGB = 0, PICTURE_WIDTH = 8, PICTURE_HEIGHT = 12, PICTURE_WRITER = 96,
            PICTURE_CUSTOM_PTR = 104, PICTURE_ERROR_CODE = 136;
    /** sizeof(WebPMemoryWriter): mem, size, max_size, pad. */
    static final int MEMORY_WRITER_SIZE = 32;
    static final int MEMORY_WRITER_MEM = 0, MEMORY_WRITER_SIZE_FIELD = 8;

    static final NativeLibrary LIBRARY = openLibrary();

    /** libwebp's own in-memory WebPWriterFunction, to store in WebPPicture.writer. */
    static final Pointer MEMORY_WRITE = LIBRARY.getFunction("WebPMemoryWrite");

    static {
        Native.register(WebpNative.class, LIBRARY);
    }

    /** System property naming the library file, for installs outside Debian's paths. */
    static final String LIBRARY_PROPERTY = "tessera.webp.library";

    private static NativeLibrary openLibrary() {
        return NativeLibraries.open(LIBRARY_PROPERTY, "libwebp.so.7", "webp");
    }

    static native int WebPGetEncoderVersion();

    static native long WebPEncodeRGB(Pointer rgb, int width, int height, int stride, float qualityFactor, Pointer output);

    static native long WebPEncodeRGBA(Pointer rgba, int width, int height, int stride, float qualityFactor, Pointer output);

    static native long WebPEncodeLosslessRGB(Pointer rgb, int width, int height, int stride, Pointer output);

    static native long WebPEncodeLosslessRGBA(Pointer rgba, int width, int height, int stride, Pointer output);

    static native void WebPFree(Pointer ptr);

    static native int WebPConfigInitInternal(Pointer config, int preset, float quality, int version);

    static native int WebPPictureInitInternal(Pointer picture, int version);

    static native int WebPPictureImportRGB(Pointer picture, Pointer rgb, int stride);

    static native int WebPPictureImportRGBA(Pointer picture, Pointer rgba, int stride);

    static native void WebPPictureFree(Pointer picture);

    static native void WebPMemoryWriterInit(Pointer writer);

    static native void WebPMemoryWriterClear(Pointer writer);

    static native int WebPEncode(Pointer config, Pointer picture);

    static native int WebPGetInfo(Pointer data, long dataSize, Pointer width, Pointer height);

    static native int WebPGetFeaturesInternal(Pointer data, long dataSize, Pointer features, int version);

    static native Pointer WebPDecodeRGB(Pointer data, long dataSize, Pointer width, Pointer height);

    static native Pointer WebPDecodeRGBA(Pointer data, long dataSize, Pointer width, Pointer height);
}
