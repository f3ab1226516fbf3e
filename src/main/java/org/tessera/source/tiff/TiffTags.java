package org.tessera.source.tiff;

/** Numbers of the TIFF tags and field types this reader understands (TIFF 6.0, BigTIFF, Adobe notes). */
final class TiffTags {
    static final int NEW_SUBFILE_TYPE = 254;
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int DOCUMENT_NAME = 269;
    static final int IMAGE_DESCRIPTION = 270;
    static final int MAKE = 271;
    static final int MODEL = 272;
    static final int STRIP_OFFSETS = 273;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int X_RESOLUTION = 282;
    static final int Y_RESOLUTION = 283;
    static final int PLANAR_CONFIG = 284;
    static final int PAGE_NAME = 285;
    static final int RESOLUTION_UNIT = 296;
    static final int SOFTWARE = 305;
    static final int DATE_TIME = 306;
    static final int ARTIST = 315;
    static final int FILL_ORDER = 266;
    static final int T4_OPTIONS = 292;
    static final int T6_OPTIONS = 293;
    static final int PREDICTOR = 317;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int SUB_IFDS = 330;
    static final int EXTRA_SAMPLES = 338;
    static final int SAMPLE_FORMAT = 339;
    static final int S_MIN_SAMPLE_VALUE = 340;
    static final int S_MAX_SAMPLE_VALUE = 341;
    static final int JPEG_TABLES = 347;
    static final int OLD_JPEG_PROC = 512;
    static final int OLD_JPEG_INTERCHANGE_FORMAT = 513;
    static final int OLD_JPEG_INTERCHANGE_FORMAT_LENGTH = 514;
    static final int OLD_JPEG_RESTART_INTERVAL = 515;
    static final int OLD_JPEG_Q_TABLES = 519;
    static final int OLD_JPEG_DC_TABLES = 520;
    static final int OLD_JPEG_AC_TABLES = 521;
    static final int YCBCR_SUBSAMPLING = 530;
    static final int YCBCR_POSITIONING = 531;
    static final int XMP = 700;
    static final int COPYRIGHT = 33432;

    static final int TYPE_BYTE = 1;
    static final int TYPE_ASCII = 2;
    static final int TYPE_SHORT = 3;
    static final int TYPE_LONG = 4;
    static final int TYPE_RATIONAL = 5;
    static final int TYPE_SBYTE = 6;
    static final int TYPE_UNDEFINED = 7;
    static final int TYPE_SSHORT = 8;
    static final int TYPE_SLONG = 9;
    static final int TYPE_SRATIONAL = 10;
    static final int TYPE_FLOAT = 11;
    static final int TYPE_DOUBLE = 12;
    static final int TYPE_IFD = 13;
    static final int TYPE_LONG8 = 16;
    static final int TYPE_SLONG8 = 17;
    static final int TYPE_IFD8 = 18;

    static final int COMPRESSION_NONE = 1;
    static final int COMPRESSION_CCITT_RLE = 2;
    static final int COMPRESSION_CCITT_T4 = 3;
    static final int COMPRESSION_CCITT_T6 = 4;
    static final int COMPRESSION_LZW = 5;
    static final int COMPRESSION_OLD_JPEG = 6;
    static final int COMPRESSION_JPEG = 7;
    static final int COMPRESSION_DEFLATE = 8;
    static final int COMPRESSION_PACKBITS = 32773;
    static final int COMPRESSION_DEFLATE_OLD = 32946;
    static final int COMPRESSION_ZSTD = 50000;
    static final int COMPRESSION_WEBP = 50001;

    /**
     * Integer fields that only the decoders of CCITT and old-style JPEG tiles read; the parser
     * keeps their raw values so those tiles can be handed to TwelveMonkeys with them.
     */
    static final java.util.Set<Integer> CODEC_FIELDS = java.util.Set.of(FILL_ORDER, T4_OPTIONS, T6_OPTIONS,
            OLD_JPEG_PROC, OLD_JPEG_INTERCHANGE_FORMAT, OLD_JPEG_INTERCHANGE_FORMAT_LENGTH, OLD_JPEG_RESTART_INTERVAL,
            OLD_JPEG_Q_TABLES, OLD_JPEG_DC_TABLES, OLD_JPEG_AC_TABLES, YCBCR_SUBSAMPLING, YCBCR_POSITIONING);

    static final int PHOTOMETRIC_MIN_IS_WHITE = 0;
    static final int PHOTOMETRIC_MIN_IS_BLACK = 1;
    static final int PHOTOMETRIC_RGB = 2;
    static final int PHOTOMETRIC_PALETTE = 3;
    static final int PHOTOMETRIC_YCBCR = 6;
    static final int PHOTOMETRIC_CIELAB = 8;

    private TiffTags() {
    }

    /** Bytes per value of a field type; 0 for unknown types (whose entries are ignored). */
    static int typeSize(int type) {
        return switch (type) {
            case TYPE_BYTE, TYPE_ASCII, TYPE_SBYTE, TYPE_UNDEFINED -> 1;
            case TYPE_SHORT, TYPE_SSHORT -> 2;
            case TYPE_LONG, TYPE_SLONG, TYPE_FLOAT, TYPE_IFD -> 4;
            case TYPE_RATIONAL, TYPE_SRATIONAL, TYPE_DOUBLE, TYPE_LONG8, TYPE_SLONG8, TYPE_IFD8 -> 8;
            default -> 0;
        };
    }
}
