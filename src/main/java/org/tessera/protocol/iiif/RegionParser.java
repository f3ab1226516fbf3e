package org.tessera.protocol.iiif;

import java.util.Locale;
import org.tessera.http.HttpError;
import org.tessera.image.Rect;

/** IIIF region → full-resolution pixels, cropped at the image edge. */
final class RegionParser {
    private RegionParser() {
    }

    static Rect parse(String token, int width, int height) {
        String s = token.toLowerCase(Locale.ROOT);
        if (s.equals("full")) return new Rect(0, 0, width, height);
        if (s.equals("square")) {
            int side = Math.min(width, height);
            return new Rect((width - side) / 2, (height - side) / 2, side, side);
        }
        boolean pct = s.startsWith("pct:");
        String[] v = (pct ? s.substring(4) : s).split(",", -1);
        if (v.length != 4) throw HttpError.badRequest("IIIF: incorrect region format '" + token + "'");
        double x = Numbers.decimal(v[0], "region"), y = Numbers.decimal(v[1], "region");
        double w = Numbers.decimal(v[2], "region"), h = Numbers.decimal(v[3], "region");
        if (w <= 0 || h <= 0) throw HttpError.badRequest("IIIF: region width and height must be greater than zero");
        long left, top, right, bottom;
        if (pct) {
            left = Math.round(x * width / 100.0);
            top = Math.round(y * height / 100.0);
            // A non-zero percentage never collapses to an empty region.
            right = Math.max(left + 1, Math.round((x + w) * width / 100.0));
            bottom = Math.max(top + 1, Math.round((y + h) * height / 100.0));
        } else {
            left = (long) Math.floor(x);
            top = (long) Math.floor(y);
            right = (long) Math.ceil(x + w);
            bottom = (long) Math.ceil(y + h);
        }
        if (left >= width || top >= height) {
            throw HttpError.badRequest("IIIF: region '" + token + "' lies outside the image");
        }
        right = Math.min(right, width);
        bottom = Math.min(bottom, height);
        return new Rect((int) left, (int) top, (int) (right - left), (int) (bottom - top));
    }

    static String canonical(Rect r, int width, int height) {
        if (r.x() == 0 && r.y() == 0 && r.width() == width && r.height() == height) return "full";
        return r.x() + "," + r.y() + "," + r.width() + "," + r.height();
    }
}
