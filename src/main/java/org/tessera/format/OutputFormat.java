package org.tessera.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tessera.config.Config;
import org.tessera.config.QualitySetting;

/**
 * Every output format Tessera knows, one entry each: the names a request may use for it, its
 * MIME type, whether it keeps an alpha channel, its quality variable, and the IIP command that
 * asks for a tile in it. Protocols, the pipeline and the tile cache take all of this from here; a
 * new format is one entry here plus its encoder (listed in {@code DefaultCodecs}).
 */
public enum OutputFormat {
    JPEG("jpg", List.of("jpeg"), true, "image/jpeg", false, QualitySetting.JPEG_QUALITY, "JTL"),
    PNG("png", List.of(), true, "image/png", true, QualitySetting.PNG_QUALITY, "PTL"),
    TIFF("tif", List.of("tiff"), true, "image/tiff", false, QualitySetting.TIFF_QUALITY, "TTL"),
    WEBP("webp", List.of(), true, "image/webp", true, QualitySetting.WEBP_QUALITY, "WTL"),
    AVIF("avif", List.of(), true, "image/avif", true, QualitySetting.AVIF_QUALITY, "ATL"),
    /** IIIF only: iipsrv answers CVT=gif with JPEG, and so does Tessera. */
    GIF("gif", List.of(), false, "image/gif", false, null, null);

    private final String extension;
    private final List<String> aliases;
    private final boolean iipName;
    private final String mimeType;
    private final boolean alpha;
    private final QualitySetting quality;
    private final String iipTileCommand;

    OutputFormat(String extension, List<String> aliases, boolean iipName, String mimeType, boolean alpha,
                 QualitySetting quality, String iipTileCommand) {
        this.extension = extension;
        this.aliases = aliases;
        this.iipName = iipName;
        this.mimeType = mimeType;
        this.alpha = alpha;
        this.quality = quality;
        this.iipTileCommand = iipTileCommand;
    }

    /** The file extension, also the IIIF format name. */
    public String extension() { return extension; }

    public String mimeType() { return mimeType; }

    /** True when the encoder keeps an alpha channel (rotation corners can be transparent). */
    public boolean alpha() { return alpha; }

    /** The quality variable (its name, range and iipsrv's default); empty for a format without one. */
    public Optional<QualitySetting> quality() { return Optional.ofNullable(quality); }

    /** The quality used when a request gives none: the configured value of {@link #quality()}, else 0. */
    public int defaultQuality(Config config) { return quality == null ? 0 : config.quality(quality); }

    /** The IIP command (JTL, PTL, ...) that asks for a tile in this format, if IIP has one. */
    public Optional<String> iipTileCommand() { return Optional.ofNullable(iipTileCommand); }

    /** True when IIP (CVT, DeepZoom and Zoomify tile names) knows it by its extension or an alias, case-insensitive. */
    public boolean isNamed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return iipName && (extension.equals(n) || aliases.contains(n));
    }

    /** By the name IIP uses (extension or alias: jpg, jpeg, png, webp, tif, tiff, avif), case-insensitive. */
    public static Optional<OutputFormat> fromName(String name) {
        for (OutputFormat f : values()) {
            if (f.isNamed(name)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** By exact extension, as IIIF names formats (jpg, png, tif, webp, avif, gif). */
    public static Optional<OutputFormat> fromExtension(String extension) {
        for (OutputFormat f : values()) {
            if (f.extension.equals(extension)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** By IIP tile command (JTL, PTL, WTL, TTL, ...), case-insensitive. */
    public static Optional<OutputFormat> fromIipTileCommand(String command) {
        for (OutputFormat f : values()) {
            if (f.iipTileCommand != null && f.iipTileCommand.equalsIgnoreCase(command)) return Optional.of(f);
        }
        return Optional.empty();
    }
}
