package org.tessera.config;

/** TIFF_COMPRESSION codes as iipsrv numbers them. */
public final class TiffCompression {
    public static final int NONE = 0;
    public static final int LZW = 1;
    public static final int DEFLATE = 2;
    public static final int JPEG = 3;
    public static final int WEBP = 4;
    public static final int ZSTD = 5;

    private static final String[] NAMES = {"None", "LZW", "Deflate", "JPEG", "WebP", "ZStd"};

    private TiffCompression() {
    }

    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "None";
    }
}
