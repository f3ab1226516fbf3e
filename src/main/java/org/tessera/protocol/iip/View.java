package org.tessera.protocol.iip;

import org.tessera.format.OutputFormat;
import org.tessera.request.Processing;
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
    int page;              // the page to render: SDS's horizontal view, or a sequence's (h, v) file
    boolean sds;           // SDS given
    int sdsHorizontal;     // SDS h
    int sdsVertical = -1;  // SDS v, -1 = not given
    Quality quality = Quality.DEFAULT;
    Processing processing = Processing.NONE; // CNT, GAM, INV, CMP, CTW, CNV, SHD, MINMAX
    int layers;            // LYR, 0 = not given

    /** The quality to hand the encoder for {@code format}, mapped from QLT as iipsrv does per format. */
    int encoderQualityFor(OutputFormat format) {
        if (encoderQuality < 0) return -1;
        // QLT is clamped into the format's own range, as its variable is
        return format.quality().map(q -> q.clamp(encoderQuality)).orElse(encoderQuality);
    }

    /** Maps SDS's views onto the image's page (stacks: h; sequences: the (h, v) file). */
    void selectPage(org.tessera.source.ImageSource source) {
        if (!sds) return;
        java.util.List<Integer> vertical = source.verticalViews();
        int v = sdsVertical >= 0 || vertical.isEmpty() ? sdsVertical : vertical.get(0);
        try {
            page = source.page(sdsHorizontal, v);
        } catch (org.tessera.error.InvalidRequestException e) {
            throw org.tessera.http.HttpError.badRequest("SDS: " + e.getMessage());
        }
    }

    /** Rotation only takes effect for right angles (iipsrv ignores others); mirroring is kept. */
    int rightAngle() { return rotation.isRightAngle() ? (int) rotation.degrees() : 0; }
}
