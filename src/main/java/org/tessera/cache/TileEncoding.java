package org.tessera.cache;

import org.tessera.request.OutputFormat;

/** What a cached tile holds: decoded pixels (RAW) or bytes in one output format. */
public enum TileEncoding {
    RAW, JPEG, PNG, WEBP, TIFF, JP2;

    public static TileEncoding of(OutputFormat format) {
        return switch (format) {
            case JPEG -> JPEG;
            case PNG -> PNG;
            case WEBP -> WEBP;
            case TIFF -> TIFF;
            case JP2 -> JP2;
        };
    }
}
