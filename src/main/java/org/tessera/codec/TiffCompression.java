package org.tessera.codec;

/** TIFF output compression, numbered as iipsrv's TIFF_COMPRESSION. */
public enum TiffCompression {
    NONE, LZW, DEFLATE, JPEG, WEBP, ZSTD;

    /**
     * iipsrv's TIFF_COMPRESSION code: 0 none, 1 LZW, 2 Deflate, 3 JPEG, 4 WebP, 5 ZStd; other
     * values are none, as in iipsrv.
     */
    public static TiffCompression fromIipsrv(int code) {
        return switch (code) {
            case 1 -> LZW;
            case 2 -> DEFLATE;
            case 3 -> JPEG;
            case 4 -> WEBP;
            case 5 -> ZSTD;
            default -> NONE;
        };
    }
}
