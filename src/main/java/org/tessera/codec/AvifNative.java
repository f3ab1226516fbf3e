package org.tessera.codec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped binding to libavif 0.11 (Debian 12's libavif.so.15). The structure offsets are
 * those of 0.11's avif.h on LP64; {@link Avif#load} checks them against the library before use,
 * because libavif 1.x moved fields of avifRGBImage and avifEncoder.
 */
final class AvifNative {
    static final boolean SIZE_T_IS_64_BIT = Native.SIZE_T_SIZE == 8;

    // avifImage
    static final int IMAGE_WIDTH = 0, IMAGE_HEIGHT = 4, IMAGE_DEPTH = 8, IMAGE_YUV_FORMAT = 12, IMAGE_YUV_RANGE = 16;
    /** uint16_t fields (CICP code points). */
    static final int IMAGE_COLOR_PRIMARIES = 104, IMAGE_TRANSFER_CHARACTERISTICS = 106, IMAGE_MATRIX_COEFFICIENTS = 108;
    // avifRGBImage: width, height, depth, format, chromaUpsampling, chromaDownsampling, avoidLibYUV,
    // ignoreAlpha, alphaPremultiplied, isFloat, (pad), pixels, rowBytes
    static final int RGB_IMAGE_SIZE = 64;
    static final int RGB_WIDTH = 0, RGB_HEIGHT = 4, RGB_DEPTH = 8, RGB_FORMAT = 12, RGB_PIXELS = 40, RGB_ROW_BYTES = 48;
    // avifEncoder
    static final int ENCODER_CODEC_CHOICE = 0, ENCODER_MAX_THREADS = 4, ENCODER_SPEED = 8, ENCODER_MIN_QUANTIZER = 24,
            ENCODER_MAX_QUANTIZER = 28, ENCODER_MIN_QUANTIZER_ALPHA = 32, ENCODER_MAX_QUANTIZER_ALPHA = 36;
    /** avifRWData: data, size. */
    static final int RW_DATA_SIZE = 16;

    static final int PIXEL_FORMAT_YUV444 = 1, PIXEL_FORMAT_YUV420 = 3, PIXEL_FORMAT_YUV400 = 4;
    static final int RGB_FORMAT_RGB = 0, RGB_FORMAT_RGBA = 1;
    static final int RANGE_FULL = 1;
    static final short UNSPECIFIED = 2;
    static final short COLOR_PRIMARIES_BT709 = 1, TRANSFER_CHARACTERISTICS_SRGB = 13;
    static final short MATRIX_COEFFICIENTS_IDENTITY = 0, MATRIX_COEFFICIENTS_BT601 = 6;
    static final int CODEC_FLAG_CAN_ENCODE = 2;
    static final int RESULT_OK = 0;

    /** System property naming the library file, for installs outside Debian's paths. */
    static final String LIBRARY_PROPERTY = "tessera.avif.library";

    static final NativeLibrary LIBRARY = openLibrary();

    static {
        Native.register(AvifNative.class, LIBRARY);
    }

    private AvifNative() {
    }

    private static NativeLibrary openLibrary() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        // Only the 0.11 ABI matches the offsets above: never fall back to an unversioned name.
        return NativeLibrary.getInstance(configured != null ? configured : "libavif.so.15");
    }

    static native String avifVersion();

    static native String avifResultToString(int result);

    static native String avifCodecName(int choice, int requiredFlags);

    static native Pointer avifImageCreate(int width, int height, int depth, int yuvFormat);

    static native void avifImageDestroy(Pointer image);

    static native void avifRGBImageSetDefaults(Pointer rgb, Pointer image);

    static native int avifImageRGBToYUV(Pointer image, Pointer rgb);

    static native Pointer avifEncoderCreate();

    static native int avifEncoderWrite(Pointer encoder, Pointer image, Pointer output);

    static native void avifEncoderDestroy(Pointer encoder);

    static native void avifRWDataFree(Pointer raw);
}
