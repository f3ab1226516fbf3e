package org.tessera.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.tessera.http.HttpError;

/**
 * Percent-decoding of image identifiers, done exactly once (iipsrv decoded IIIF identifiers
 * twice, so "%2520" became a space). %XY becomes the byte XY, the result is read as UTF-8, a
 * '%' not followed by two hex digits stays as it is, and %00 is refused with 400 (iipsrv drops
 * it silently; a NUL has no business in a file name).
 */
public final class PercentDecoding {
    private PercentDecoding() {
    }

    /** For identifiers from a query string (IIP FIF=): '+' is a space, as in form encoding. */
    public static String queryValue(String raw) {
        return decode(raw, true);
    }

    /** For identifiers from a URL path (IIIF, DeepZoom, Zoomify): '+' stays a plus sign. */
    public static String pathSegment(String raw) {
        return decode(raw, false);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) return raw;
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (plusIsSpace && b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                int v = hex(in[i + 1]) * 16 + hex(in[i + 2]);
                if (v == 0) throw HttpError.badRequest("embedded NUL byte in identifier");
                out.write(v);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
