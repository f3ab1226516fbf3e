package org.tessera.protocol.iip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * iipsrv's URL decoding of image identifiers: '+' becomes a space, {@code %XY} becomes the byte
 * 0xXY, {@code %00} is dropped (a NUL would truncate the path in C and has no business in a file
 * name), a '%' not followed by two hex digits stays as it is. Bytes are read as UTF-8.
 */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    public static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                int v = hex(in[i + 1]) * 16 + hex(in[i + 2]);
                if (v != 0) out.write(v);
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
