package org.tessera.codec;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped binding to OpenJPEG 2.x (Debian's libopenjp2.so.7, OpenJPEG 2.5). Struct offsets
 * are those of the LP64 ABI of 2.5 (checked with offsetof against its openjpeg.h); every
 * {@code OPJ_SIZE_T} and {@code OPJ_OFF_T} is a Java {@code long}, so the loader checks for a
 * 64-bit platform.
 */
final class OpenJpegNative {
    static final boolean SIZE_T_IS_64_BIT = Native.SIZE_T_SIZE == 8;

    // OPJ_CODEC_FORMAT
    static final int CODEC_J2K = 0;
    static final int CODEC_JP2 = 2;
    // OPJ_COLOR_SPACE
    static final int CLRSPC_SRGB = 1, CLRSPC_GRAY = 2, CLRSPC_SYCC = 3, CLRSPC_EYCC = 4, CLRSPC_CMYK = 5;

    // opj_image_t (48 bytes)
    static final int IMAGE_X0 = 0, IMAGE_Y0 = 4, IMAGE_X1 = 8, IMAGE_Y1 = 12, IMAGE_NUMCOMPS = 16,
            IMAGE_COLOR_SPACE = 20, IMAGE_COMPS = 24;
    // opj_image_comp_t (64 bytes)
    static final int COMP_SIZE = 64;
    static final int COMP_DX = 0, COMP_DY = 4, COMP_W = 8, COMP_H = 12, COMP_X0 = 16, COMP_Y0 = 20, COMP_PREC = 24,
            COMP_SGND = 32, COMP_DATA = 48, COMP_ALPHA = 56;
    // opj_dparameters_t (8252 bytes)
    static final int DPARAMETERS_SIZE = 8252;
    static final int DPARAM_CP_REDUCE = 0, DPARAM_CP_LAYER = 4;
    // opj_codestream_info_v2_t: tile grid, then m_default_tile_info (opj_tile_info_v2_t) at 32
    static final int CSTR_TX0 = 0, CSTR_TY0 = 4, CSTR_TDX = 8, CSTR_TDY = 12, CSTR_TW = 16, CSTR_TH = 20,
            CSTR_DEFAULT_NUMLAYERS = 32 + 12, CSTR_DEFAULT_TCCP_INFO = 32 + 24;
    // opj_tccp_info_t
    static final int TCCP_NUMRESOLUTIONS = 8, TCCP_CBLKSTY = 20;
    /** Code-block style bit of an HTJ2K (Part 15) codestream. */
    static final int CBLKSTY_HT = 0x40;

    // opj_cparameters_t (18720 bytes)
    static final int CPARAMETERS_SIZE = 18720;
    static final int CPARAM_TILE_SIZE_ON = 0, CPARAM_TDX = 12, CPARAM_TDY = 16, CPARAM_DISTO_ALLOC = 20,
            CPARAM_TCP_NUMLAYERS = 4796, CPARAM_TCP_RATES = 4800, CPARAM_NUMRESOLUTION = 5600,
            CPARAM_IRREVERSIBLE = 5616, CPARAM_TCP_MCT = 18698;
    // opj_image_cmptparm_t (36 bytes)
    static final int CMPTPARM_SIZE = 36;
    static final int CMPTPARM_DX = 0, CMPTPARM_DY = 4, CMPTPARM_W = 8, CMPTPARM_H = 12, CMPTPARM_PREC = 24,
            CMPTPARM_SGND = 32;

    private OpenJpegNative() {
    }

    /** {@code OPJ_SIZE_T (*)(void *buffer, OPJ_SIZE_T bytes, void *user)}: read or write. */
    interface TransferFunction extends Callback {
        long invoke(Pointer buffer, long bytes, Pointer user);
    }

    /** {@code OPJ_OFF_T (*)(OPJ_OFF_T bytes, void *user)}. */
    interface SkipFunction extends Callback {
        long invoke(long bytes, Pointer user);
    }

    /** {@code OPJ_BOOL (*)(OPJ_OFF_T position, void *user)}. */
    interface SeekFunction extends Callback {
        int invoke(long position, Pointer user);
    }

    /** {@code void (*)(const char *msg, void *client_data)}. */
    interface MessageFunction extends Callback {
        void invoke(Pointer message, Pointer client);
    }

    static {
        Native.register(OpenJpegNative.class, openLibrary());
    }

    /** System property naming the library file, for installs outside Debian's paths. */
    static final String LIBRARY_PROPERTY = "tessera.openjpeg.library";

    private static NativeLibrary openLibrary() {
        return NativeLibraries.open(LIBRARY_PROPERTY, "libopenjp2.so.7", "openjp2");
    }

    static native String opj_version();

    static native int opj_has_thread_support();

    // streams
    static native Pointer opj_stream_create(long bufferSize, int isInput);

    static native void opj_stream_destroy(Pointer stream);

    static native void opj_stream_set_read_function(Pointer stream, TransferFunction function);

    static native void opj_stream_set_write_function(Pointer stream, TransferFunction function);

    static native void opj_stream_set_skip_function(Pointer stream, SkipFunction function);

    static native void opj_stream_set_seek_function(Pointer stream, SeekFunction function);

    static native void opj_stream_set_user_data(Pointer stream, Pointer data, Pointer freeFunction);

    static native void opj_stream_set_user_data_length(Pointer stream, long length);

    // codecs
    static native Pointer opj_create_decompress(int format);

    static native Pointer opj_create_compress(int format);

    static native void opj_destroy_codec(Pointer codec);

    static native int opj_set_info_handler(Pointer codec, MessageFunction handler, Pointer client);

    static native int opj_set_warning_handler(Pointer codec, MessageFunction handler, Pointer client);

    static native int opj_set_error_handler(Pointer codec, MessageFunction handler, Pointer client);

    static native int opj_codec_set_threads(Pointer codec, int threads);

    // decoding
    static native void opj_set_default_decoder_parameters(Pointer parameters);

    static native int opj_setup_decoder(Pointer codec, Pointer parameters);

    static native int opj_read_header(Pointer stream, Pointer codec, Pointer imageSlot);

    static native int opj_set_decode_area(Pointer codec, Pointer image, int x0, int y0, int x1, int y1);

    static native int opj_decode(Pointer codec, Pointer stream, Pointer image);

    static native int opj_set_decoded_resolution_factor(Pointer codec, int factor);

    static native int opj_end_decompress(Pointer codec, Pointer stream);

    static native Pointer opj_get_cstr_info(Pointer codec);

    static native void opj_destroy_cstr_info(Pointer infoSlot);

    // images
    static native Pointer opj_image_create(int components, Pointer parameters, int colourSpace);

    static native void opj_image_destroy(Pointer image);

    // encoding
    static native void opj_set_default_encoder_parameters(Pointer parameters);

    static native int opj_setup_encoder(Pointer codec, Pointer parameters, Pointer image);

    static native int opj_start_compress(Pointer codec, Pointer image, Pointer stream);

    static native int opj_encode(Pointer codec, Pointer stream);

    static native int opj_end_compress(Pointer codec, Pointer stream);
}
