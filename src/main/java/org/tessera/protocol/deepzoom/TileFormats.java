package org.tessera.protocol.deepzoom;

import java.util.Set;
import org.tessera.http.HttpError;
import org.tessera.request.OutputFormat;

/** The tile format a DeepZoom/Zoomify tile URL's extension names: jpg when absent, 400 when not producible. */
public final class TileFormats {
    private TileFormats() {
    }

    public static OutputFormat fromExtension(String ext, Set<OutputFormat> available, String protocol) {
        if (ext == null || ext.isEmpty()) return OutputFormat.JPEG;
        OutputFormat f = OutputFormat.fromName(ext)
                .orElseThrow(() -> HttpError.badRequest(protocol + ": unsupported tile format '" + ext + "'"));
        if (!available.contains(f)) throw HttpError.badRequest(protocol + ": unsupported tile format '" + ext + "'");
        return f;
    }

    /** Parses a tile coordinate; 400 for anything but a plain non-negative integer. */
    public static int coordinate(String s, String protocol) {
        if (!s.matches("[0-9]{1,9}")) throw HttpError.badRequest(protocol + ": invalid tile coordinate '" + s + "'");
        return Integer.parseInt(s);
    }
}
