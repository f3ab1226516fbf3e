package org.tessera.config;

/**
 * The encoder-quality variables: each one's range and iipsrv's default. Values outside the range
 * are clamped, as iipsrv does.
 */
public enum QualitySetting {
    JPEG_QUALITY(1, 100, 75),
    PNG_QUALITY(0, 9, 1),
    WEBP_QUALITY(-1, 100, 50),
    AVIF_QUALITY(-1, 100, 50),
    TIFF_QUALITY(0, 100, 1);

    private final int min;
    private final int max;
    private final int iipsrvDefault;

    QualitySetting(int min, int max, int iipsrvDefault) {
        this.min = min;
        this.max = max;
        this.iipsrvDefault = iipsrvDefault;
    }

    /** The environment variable's name. */
    public String variable() { return name(); }

    public int min() { return min; }

    public int max() { return max; }

    public int iipsrvDefault() { return iipsrvDefault; }

    public int clamp(int value) { return Math.max(min, Math.min(max, value)); }
}
