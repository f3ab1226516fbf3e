package org.tessera.request;

import java.util.Locale;
import java.util.Optional;

/** Encodings a response can carry. */
public enum OutputFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    TIFF("image/tiff", "tif"),
    JP2("image/jp2", "jp2");

    private final String mimeType;
    private final String extension;

    OutputFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() { return mimeType; }

    public String extension() { return extension; }

    /** By file extension or IIP name: jpg, jpeg, png, webp, tif, tiff (case-insensitive). */
    public static Optional<OutputFormat> fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> Optional.of(JPEG);
            case "png" -> Optional.of(PNG);
            case "webp" -> Optional.of(WEBP);
            case "tif", "tiff" -> Optional.of(TIFF);
            default -> Optional.empty();
        };
    }
}
