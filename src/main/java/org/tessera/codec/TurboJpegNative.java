package org.tessera.codec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped (Native.register) binding to the TurboJPEG 2.x C API of libjpeg-turbo 2.1
 * (libturbojpeg.so.0). Direct mapping costs ~200 ns a call against ~800 ns for an interface
 * mapping. Every {@code unsigned long} of the C API is a Java {@code long}: valid only where C
 * longs are 64-bit, which {@link #LONG_IS_64_BIT} lets the loader check.
 */
final class TurboJpegNative {
    static final boolean LONG_IS_64_BIT = Native.LONG_SIZE == 8;

    // Pixel formats (enum TJPF)
    static final int TJPF_RGB = 0;
    static final int TJPF_RGBX = 2;
    static final int TJPF_GRAY = 6;
    // Chroma subsampling (enum TJSAMP)
    static final int TJSAMP_420 = 2;
    static final int TJSAMP_GRAY = 3;
    // Colour spaces (enum TJCS)
    static final int TJCS_GRAY = 2;
    // Flags
    static final int TJFLAG_NOREALLOC = 1024;
    static final int TJFLAG_FASTDCT = 2048;
    // Lossless transforms
    static final int TJXOP_NONE = 0;
    static final int TJXOPT_CROP = 4;
    /** sizeof(tjtransform) on LP64: tjregion (4 ints), op, options, void *data, customFilter pointer. */
    static final int TJTRANSFORM_SIZE = 40;
    // Error codes
    static final int TJERR_WARNING = 0;

    private TurboJpegNative() {
    }

    static {
        Native.register(TurboJpegNative.class, openLibrary());
    }

    /** System property naming the library file, for installs outside Debian's paths. */
    static final String LIBRARY_PROPERTY = "tessera.turbojpeg.library";

    private static NativeLibrary openLibrary() {
        return NativeLibraries.open(LIBRARY_PROPERTY, "libturbojpeg.so.0", "turbojpeg");
    }

    static native Pointer tjInitCompress();

    static native Pointer tjInitDecompress();

    static native Pointer tjInitTransform();

    static native int tjDestroy(Pointer handle);

    static native long tjBufSize(int width, int height, int jpegSubsamp);

    static native int tjCompress2(Pointer handle, Pointer srcBuf, int width, int pitch, int height, int pixelFormat,
                                  Pointer jpegBufPtr, Pointer jpegSizePtr, int jpegSubsamp, int jpegQual, int flags);

    static native int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, long jpegSize, Pointer width, Pointer height,
                                          Pointer jpegSubsamp, Pointer jpegColorspace);

    static native int tjDecompress2(Pointer handle, Pointer jpegBuf, long jpegSize, Pointer dstBuf, int width, int pitch,
                                    int height, int pixelFormat, int flags);

    static native int tjTransform(Pointer handle, Pointer jpegBuf, long jpegSize, int n, Pointer dstBufs, Pointer dstSizes,
                                  Pointer transforms, int flags);

    static native void tjFree(Pointer buffer);

    static native String tjGetErrorStr2(Pointer handle);

    static native int tjGetErrorCode(Pointer handle);
}
