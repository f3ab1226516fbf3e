package org.tessera.protocol.iip;

import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;

/**
 * The view and encoding modifiers a request has set so far (WID, HEI, RGN, ROT, QLT, SDS, COL).
 * Commands run left to right and share this state, so a modifier affects only later commands.
 * One instance per request; never shared between threads.
 */
final class View {
    int width;             // WID, 0 = unset
    int height;            // HEI, 0 = unset
    double[] region;       // RGN fractions x,y,w,h; null = whole image
    Rotation rotation = Rotation.NONE;
    int encoderQuality = -1; // QLT, -1 = configured default
    int page;              // SDS horizontal index
    Quality quality = Quality.DEFAULT;

    /** The quality to hand the encoder for {@code format}, mapped from QLT as iipsrv does per format. */
    int encoderQualityFor(OutputFormat format) {
        if (encoderQuality < 0) return -1;
        return switch (format) {
            case JPEG -> Math.max(1, Math.min(100, encoderQuality));
            case PNG -> Math.min(9, encoderQuality);
            // iipsrv makes QLT<1 lossless WebP, but -1 means "default" in ImageRequest: we send 0.
            case WEBP -> Math.min(100, encoderQuality);
            case TIFF, AVIF -> Math.min(100, encoderQuality);
            case GIF -> encoderQuality; // GIF has no quality setting
        };
    }

    /** Rotation only takes effect for right angles (iipsrv ignores others); mirroring is kept. */
    int rightAngle() { return rotation.isRightAngle() ? (int) rotation.degrees() : 0; }
}
