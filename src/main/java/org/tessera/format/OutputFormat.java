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
    JPEG("jpg", List.of("jpeg"), "image/jpeg", false, QualitySetting.JPEG_QUALITY, "JTL"),
    PNG("png", List.of(), "image/png", true, QualitySetting.PNG_QUALITY, "PTL"),
    TIFF("tif", List.of("tiff"), "image/tiff", false, QualitySetting.TIFF_QUALITY, "TTL"),
    WEBP("webp", List.of(), "image/webp", true, QualitySetting.WEBP_QUALITY, "WTL");

    private final String extension;
    private final List<String> aliases;
    private final String mimeType;
    private final boolean alpha;
    private final QualitySetting quality;
    private final String iipTileCommand;

    OutputFormat(String extension, List<String> aliases, String mimeType, boolean alpha, QualitySetting quality,
                 String iipTileCommand) {
        this.extension = extension;
        this.aliases = aliases;
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

    /** The quality variable: its name, range and iipsrv's default. */
    public QualitySetting quality() { return quality; }

    /** The quality used when a request gives none: the configured value of {@link #quality()}. */
    public int defaultQuality(Config config) { return config.quality(quality); }

    /** The IIP command (JTL, PTL, ...) that asks for a tile in this format, if IIP has one. */
    public Optional<String> iipTileCommand() { return Optional.ofNullable(iipTileCommand); }

    /** True for the extension or an alias (jpg, jpeg, png, webp, tif, tiff), case-insensitive. */
    public boolean isNamed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return extension.equals(n) || aliases.contains(n);
    }

    /** By extension or alias, case-insensitive. */
    public static Optional<OutputFormat> fromName(String name) {
        for (OutputFormat f : values()) {
            if (f.isNamed(name)) return Optional.of(f);
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
