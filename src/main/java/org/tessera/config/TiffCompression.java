package org.tessera.config;

/** TIFF output compression, numbered and named as iipsrv's TIFF_COMPRESSION. */
public enum TiffCompression {
    NONE("None"), LZW("LZW"), DEFLATE("Deflate"), JPEG("JPEG"), WEBP("WebP"), ZSTD("ZStd");

    private final String displayName;

    TiffCompression(String displayName) {
        this.displayName = displayName;
    }

    /** The name iipsrv's startup log uses. */
    public String displayName() { return displayName; }

    /** iipsrv's code: 0 none, 1 LZW, 2 Deflate, 3 JPEG, 4 WebP, 5 ZStd; other values are none, as in iipsrv. */
    public static TiffCompression fromIipsrv(int code) {
        return code >= 0 && code < values().length ? values()[code] : NONE;
    }
}
