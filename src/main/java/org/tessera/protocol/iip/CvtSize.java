package org.tessera.protocol.iip;

import org.tessera.image.Rect;

/**
 * Region and output size of a CVT request (§13.3, the intended semantics rather than iipsrv's
 * current regression): no WID/HEI means the region's own size; one of them keeps the region's
 * aspect; both fit inside the box; ALLOW_UPSCALING=0 clamps to the region's size (iipsrv clamps to
 * the whole level, which lets a small region be blown up); MAX_CVT caps the longer side.
 */
record CvtSize(Rect region, int width, int height) {

    /** RGN fractions (x,y,w,h, already clamped to 0..1) to full-resolution pixels, at least 1x1, inside the image. */
    static Rect region(double[] fractions, int imageWidth, int imageHeight) {
        if (fractions == null) return new Rect(0, 0, imageWidth, imageHeight);
        int x = (int) Math.min(imageWidth - 1, Math.round(fractions[0] * imageWidth));
        int y = (int) Math.min(imageHeight - 1, Math.round(fractions[1] * imageHeight));
        int w = (int) Math.max(1, Math.min(imageWidth - x, Math.round(fractions[2] * imageWidth)));
        int h = (int) Math.max(1, Math.min(imageHeight - y, Math.round(fractions[3] * imageHeight)));
        return new Rect(x, y, w, h);
    }

    /**
     * @param wid     WID, 0 = unset
     * @param hei     HEI, 0 = unset
     * @param maxCvt  MAX_CVT, -1 = unlimited
     */
    static CvtSize of(Rect region, int wid, int hei, int maxCvt, boolean allowUpscaling) {
        double rw = region.width(), rh = region.height();
        double ratio = rw / rh;
        double w, h;
        if (wid > 0 && hei > 0) {
            double scale = Math.min(wid / rw, hei / rh);
            w = rw * scale;
            h = rh * scale;
        } else if (wid > 0) {
            w = wid;
            h = wid / ratio;
        } else if (hei > 0) {
            w = hei * ratio;
            h = hei;
        } else {
            w = rw;
            h = rh;
        }
        if (!allowUpscaling && (w > rw || h > rh)) {
            w = rw;
            h = rh;
        }
        if (maxCvt > 0 && (w > maxCvt || h > maxCvt)) {
            if (w > h) {
                h = maxCvt / ratio;
                w = maxCvt;
            } else if (h > w) {
                w = maxCvt * ratio;
                h = maxCvt;
            } else {
                w = maxCvt;
                h = maxCvt;
            }
        }
        int ow = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(w)));
        int oh = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(h)));
        return new CvtSize(region, ow, oh);
    }
}
