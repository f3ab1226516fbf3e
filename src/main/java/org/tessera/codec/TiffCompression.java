package org.tessera.codec;

/** TIFF output compression, numbered as iipsrv's TIFF_COMPRESSION. */
public enum TiffCompression {
    NONE, LZW, DEFLATE, JPEG;

    /**
     * iipsrv's TIFF_COMPRESSION code: 0 none, 1 LZW, 2 Deflate, 3 JPEG; iipsrv maps values below 0
     * or above 4 to none. 4 (WebP inside TIFF) has no JDK writer, so it falls back to Deflate, the
     * default, rather than to an uncompressed file.
     */
    public static TiffCompression fromIipsrv(int code) {
        return switch (code) {
            case 1 -> LZW;
            case 2, 4 -> DEFLATE;
            case 3 -> JPEG;
            default -> NONE;
        };
    }
}
