package org.tessera.protocol.deepzoom;

import org.tessera.http.HttpError;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;

/** The tile format a DeepZoom/Zoomify tile URL's extension names: jpg when absent, 400 when not producible. */
public final class TileFormats {
    private TileFormats() {
    }

    public static OutputFormat fromExtension(String ext, OutputFormats available, String protocol) {
        if (ext == null || ext.isEmpty()) return OutputFormat.JPEG;
        return available.byName(ext)
                .orElseThrow(() -> HttpError.badRequest(protocol + ": unsupported tile format '" + ext + "'"));
    }

    /** Parses a tile coordinate; 400 for anything but a plain non-negative integer. */
    public static int coordinate(String s, String protocol) {
        if (!s.matches("[0-9]{1,9}")) throw HttpError.badRequest(protocol + ": invalid tile coordinate '" + s + "'");
        return Integer.parseInt(s);
    }
}
