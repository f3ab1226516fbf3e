package org.tessera.protocol.iiif;

import java.util.Locale;
import org.tessera.http.HttpError;

/**
 * IIIF size → output width and height (before rotation), for a region of {@code rw x rh} pixels.
 * Limits ({@link SizeLimits}): maxWidth/maxHeight from MAX_CVT, maxArea from the renderer's
 * ceiling. "max" (and 2.x "full") shrink to the limits, "^max" grows to them; "!w,h" fits inside
 * them; any other explicit size beyond them is refused with 400 rather than silently shrunk as
 * iipsrv does. In 3.0 a size that would enlarge the region without "^" is refused with 400,
 * "!w,h" boxes larger than the region included.
 */
final class SizeParser {

    /**
     * Output size before rotation; a dimension the client left to the server ("w," or ",h") is
     * "derived", and its rounding may be adjusted by a pixel to hit a stored tile exactly.
     */
    record Size(int width, int height, boolean widthDerived, boolean heightDerived) {
        Size(int width, int height) {
            this(width, height, false, false);
        }

        boolean sameAs(Size o) { return width == o.width && height == o.height; }
    }

    private final IiifVersion version;
    private final int maxWidth;
    private final int maxHeight;
    private final long maxArea;
    private final boolean allowUpscaling;

    SizeParser(IiifVersion version, SizeLimits limits, boolean allowUpscaling) {
        this.version = version;
        this.maxWidth = limits.maxWidth();
        this.maxHeight = limits.maxHeight();
        this.maxArea = limits.maxArea();
        this.allowUpscaling = allowUpscaling;
    }

    Size parse(String token, int rw, int rh) {
        String s = token.toLowerCase(Locale.ROOT);
        boolean caret = s.startsWith("^");
        if (caret) {
            if (version == IiifVersion.V2) throw HttpError.badRequest("IIIF: '^' is not part of the 2.x size syntax");
            s = s.substring(1);
        }
        if (s.equals("max") || s.equals("full")) {
            if (s.equals("full") && version == IiifVersion.V3) {
                throw HttpError.badRequest("IIIF: size 'full' is not valid in Image API 3; use 'max'");
            }
            return max(rw, rh, caret && allowUpscaling);
        }
        if (s.startsWith("!")) return confined(s.substring(1), rw, rh, caret);
        int w, h;
        boolean wDerived = false, hDerived = false;
        if (s.startsWith("pct:")) {
            double n = Numbers.decimal(s.substring(4), "size percentage");
            w = (int) Math.round(rw * n / 100.0);
            h = (int) Math.round(rh * n / 100.0);
            if (w < 1 || h < 1) throw HttpError.badRequest("IIIF: size '" + token + "' gives an empty image");
        } else {
            int comma = s.indexOf(',');
            if (comma < 0 || s.indexOf(',', comma + 1) >= 0) {
                throw HttpError.badRequest("IIIF: invalid size '" + token + "'");
            }
            String ws = s.substring(0, comma), hs = s.substring(comma + 1);
            if (ws.isEmpty() && hs.isEmpty()) throw HttpError.badRequest("IIIF: invalid size '" + token + "'");
            if (!ws.isEmpty() && !hs.isEmpty()) {
                w = Numbers.integer(ws, "width");
                h = Numbers.integer(hs, "height");
            } else if (!ws.isEmpty()) {
                w = Numbers.integer(ws, "width");
                h = (int) Math.max(1, Math.round((double) w * rh / rw));
                hDerived = true;
            } else {
                h = Numbers.integer(hs, "height");
                w = (int) Math.max(1, Math.round((double) h * rw / rh));
                wDerived = true;
            }
            if (w < 1 || h < 1) throw HttpError.badRequest("IIIF: size must be greater than zero");
        }
        if (w > rw || h > rh) {
            if (version == IiifVersion.V3 && !caret) {
                throw HttpError.badRequest("IIIF: size " + w + "x" + h + " is larger than the region "
                        + rw + "x" + rh + "; upscaling requires the ^ prefix");
            }
            if (!allowUpscaling) throw HttpError.notImplemented("IIIF: upscaling is not enabled on this server");
        }
        if (w > maxWidth || h > maxHeight) {
            throw HttpError.badRequest("IIIF: size " + w + "x" + h + " exceeds the server limit of "
                    + maxWidth + "x" + maxHeight);
        }
        if ((long) w * h > maxArea) {
            throw HttpError.badRequest("IIIF: size " + w + "x" + h + " exceeds the server limit of " + maxArea + " pixels");
        }
        return new Size(w, h, wDerived, hDerived);
    }

    /**
     * What "max" means for this region: its own size shrunk into the limits, or with "^max" grown
     * to them (to the region's own size when no width or area limit bounds it).
     */
    Size max(int rw, int rh, boolean growToLimits) {
        double scale = limitScale(rw, rh);
        if (!growToLimits || scale == Double.POSITIVE_INFINITY) scale = Math.min(scale, 1.0);
        return scaled(rw, rh, scale);
    }

    /** The largest scale of the region every limit allows. */
    private double limitScale(int rw, int rh) {
        double byArea = Math.sqrt((double) maxArea / ((double) rw * rh));
        double bySide = Math.min((double) maxWidth / rw, (double) maxHeight / rh);
        return maxArea == Long.MAX_VALUE && maxWidth == Integer.MAX_VALUE ? Double.POSITIVE_INFINITY : Math.min(byArea, bySide);
    }

    private Size confined(String box, int rw, int rh, boolean caret) {
        String[] v = box.split(",", -1);
        if (v.length != 2 || v[0].isEmpty() || v[1].isEmpty()) throw HttpError.badRequest("IIIF: invalid size '!" + box + "'");
        int bw = Numbers.integer(v[0], "width"), bh = Numbers.integer(v[1], "height");
        if (bw < 1 || bh < 1) throw HttpError.badRequest("IIIF: size must be greater than zero");
        double scale = Math.min((double) bw / rw, (double) bh / rh);
        if (scale > 1.0 && version == IiifVersion.V3 && !caret) {
            // 3.0: the fit would enlarge the region, which needs "^" (other 3.0 servers answer 400 too)
            throw HttpError.badRequest("IIIF: size '!" + box + "' would enlarge the region " + rw + "x" + rh
                    + "; upscaling requires the ^ prefix");
        }
        boolean mayUpscale = allowUpscaling && (version == IiifVersion.V2 || caret);
        if (!mayUpscale) scale = Math.min(scale, 1.0);
        scale = Math.min(scale, limitScale(rw, rh));
        Size s = scaled(rw, rh, scale);
        return new Size(Math.min(s.width(), bw), Math.min(s.height(), bh));
    }

    private Size scaled(int rw, int rh, double scale) {
        int w = (int) Math.max(1, Math.min(Math.round(rw * scale), maxWidth));
        int h = (int) Math.max(1, Math.min(Math.round(rh * scale), maxHeight));
        if ((long) w * h > maxArea) {
            // rounding up went past the area limit: rounding down cannot
            w = (int) Math.max(1, Math.floor(rw * scale));
            h = (int) Math.max(1, Math.floor(rh * scale));
        }
        return new Size(w, h);
    }

    /** Canonical size token (3.0: "max" or "w,h", "^w,h" when enlarged; 2.1: "full", "w," or "w,h"). */
    String canonical(Size size, int rw, int rh) {
        if (version == IiifVersion.V3) {
            if (size.sameAs(max(rw, rh, false))) return "max";
            return (size.width() > rw || size.height() > rh ? "^" : "") + size.width() + "," + size.height();
        }
        if (size.width() == rw && size.height() == rh) return "full";
        if (Math.max(1, Math.round((double) size.width() * rh / rw)) == size.height()) return size.width() + ",";
        return size.width() + "," + size.height();
    }
}
