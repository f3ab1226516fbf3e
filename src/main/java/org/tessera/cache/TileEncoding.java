package org.tessera.cache;

import org.tessera.format.OutputFormat;

/** What a cached tile holds: decoded pixels (RAW) or bytes in one output format. */
public enum TileEncoding {
    RAW, JPEG, PNG, WEBP, TIFF, AVIF, GIF;

    public static TileEncoding of(OutputFormat format) {
        return switch (format) {
            case JPEG -> JPEG;
            case PNG -> PNG;
            case WEBP -> WEBP;
            case TIFF -> TIFF;
            case AVIF -> AVIF;
            case GIF -> GIF;
        };
    }
}
