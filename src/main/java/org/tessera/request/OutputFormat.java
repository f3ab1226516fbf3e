package org.tessera.request;

import java.util.Locale;
import java.util.Optional;

/** Encodings a response can carry. */
public enum OutputFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    TIFF("image/tiff", "tif"),
    AVIF("image/avif", "avif"),
    GIF("image/gif", "gif");

    private final String mimeType;
    private final String extension;

    OutputFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() { return mimeType; }

    public String extension() { return extension; }

    /**
     * By file extension or IIP name: jpg, jpeg, png, webp, tif, tiff, avif (case-insensitive).
     * Not gif: iipsrv answers CVT=gif with JPEG, and GIF is a IIIF format only.
     */
    public static Optional<OutputFormat> fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> Optional.of(JPEG);
            case "png" -> Optional.of(PNG);
            case "webp" -> Optional.of(WEBP);
            case "tif", "tiff" -> Optional.of(TIFF);
            case "avif" -> Optional.of(AVIF);
            default -> Optional.empty();
        };
    }
}
