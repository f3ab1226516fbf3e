package org.tessera.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Joins baseline JPEGs of horizontal strips of one picture into the JPEG of the whole picture,
 * each strip's entropy-coded data becoming one restart interval: the first strip's headers with
 * the full height and a restart interval (DRI) of one strip's MCUs, then every strip's data with
 * RSTn markers between, then EOI. Decoders reset their DC predictions at each restart marker, as
 * the encoder did at the start of each strip, so the joined file decodes to exactly the picture
 * encoded whole. A large picture can so be encoded a strip at a time, never whole outside the heap.
 *
 * <p>The strips must come from one encoder with the same settings (quantisation and Huffman
 * tables alike), every strip but the last a whole number of MCU rows high; the join is refused
 * (empty) when their headers differ otherwise.
 */
final class JpegStrips {
    private JpegStrips() {
    }

    /**
     * @param strips      the strips' JPEGs, top to bottom
     * @param height      the whole picture's height
     * @param mcusPerStrip MCUs in every strip but the last (MCUs across x MCU rows of a strip)
     */
    static Optional<byte[]> join(List<byte[]> strips, int height, int mcusPerStrip) {
        if (strips.isEmpty() || height < 1 || height > 0xFFFF || mcusPerStrip < 1 || mcusPerStrip > 0xFFFF) {
            return Optional.empty();
        }
        byte[] first = strips.get(0);
        int sof = marker(first, 0xC0), sos = marker(first, 0xDA);
        if (sof < 0 || sos < 0 || sof > sos) return Optional.empty();
        int data = segmentEnd(first, sos);
        ByteArrayOutputStream out = new ByteArrayOutputStream(strips.stream().mapToInt(s -> s.length).sum() + 64);
        byte[] head = Arrays.copyOf(first, sos);
        head[sof + 5] = (byte) (height >> 8);
        head[sof + 6] = (byte) height;
        out.writeBytes(head);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4, (byte) (mcusPerStrip >> 8), (byte) mcusPerStrip});
        out.write(first, sos, data - sos);
        for (int k = 0; k < strips.size(); k++) {
            byte[] strip = strips.get(k);
            int start = k == 0 ? data : sameHeaders(first, strip, sof, sos, data);
            if (start < 0 || !endsWithEoi(strip) || strip.length - 2 < start) return Optional.empty();
            if (k > 0) out.writeBytes(new byte[] {(byte) 0xFF, (byte) (0xD0 + ((k - 1) & 7))});
            out.write(strip, start, strip.length - 2 - start);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return Optional.of(out.toByteArray());
    }

    /** Where {@code strip}'s data starts when its headers equal the first strip's but for the height; -1 otherwise. */
    private static int sameHeaders(byte[] first, byte[] strip, int sof, int sos, int data) {
        if (strip.length < data) return -1;
        for (int i = 0; i < data; i++) {
            if (i == sof + 5 || i == sof + 6) continue;
            if (first[i] != strip[i]) return -1;
        }
        return data;
    }

    private static boolean endsWithEoi(byte[] jpeg) {
        return jpeg.length >= 4 && (jpeg[jpeg.length - 2] & 0xFF) == 0xFF && (jpeg[jpeg.length - 1] & 0xFF) == 0xD9;
    }

    /** Offset of the first marker {@code FF code} among the headers (before the entropy data), or -1. */
    private static int marker(byte[] jpeg, int code) {
        int p = 2;
        while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
            int m = jpeg[p + 1] & 0xFF;
            if (m == code) return p;
            if (m == 0xDA) return -1;
            p = segmentEnd(jpeg, p);
        }
        return -1;
    }

    private static int segmentEnd(byte[] jpeg, int marker) {
        return marker + 2 + (((jpeg[marker + 2] & 0xFF) << 8) | (jpeg[marker + 3] & 0xFF));
    }
}
