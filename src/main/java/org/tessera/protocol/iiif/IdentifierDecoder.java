package org.tessera.protocol.iiif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.tessera.http.HttpError;

/**
 * Percent-decodes an identifier exactly once (iipsrv decodes twice, so "%2520" became a space).
 * '+' stays a plus sign: identifiers arrive in URL paths, where '+' is not a space.
 */
public final class IdentifierDecoder {
    private IdentifierDecoder() {
    }

    /** %XY becomes the byte XY (UTF-8 overall); a '%' not followed by two hex digits is kept as is. */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) return raw;
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                int b = hex(in[i + 1]) * 16 + hex(in[i + 2]);
                if (b == 0) throw HttpError.badRequest("embedded NUL byte in identifier");
                out.write(b);
                i += 2;
            } else {
                out.write(in[i]);
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
