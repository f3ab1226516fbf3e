package org.tessera.source.tiff;

/**
 * TIFF LZW (compression 5): MSB-first codes of 9 to 12 bits, with the "early change" that
 * widens codes one entry before the table fills. Written here because TwelveMonkeys' decoder
 * class is not public. The old bit-reversed variant (pre-TIFF 6.0 writers) is rejected.
 */
final class LzwDecoder {
    private static final int CLEAR = 256;
    private static final int EOI = 257;
    private static final int TABLE_SIZE = 4096;

    private LzwDecoder() {
    }

    /** Decodes up to {@code expected} bytes; missing trailing data is left zero, as libtiff does. */
    static byte[] decode(byte[] in, int expected) throws TiffFormatException {
        if (in.length >= 2 && in[0] == 0 && (in[1] & 1) != 0) {
            throw new TiffFormatException("old-style (bit-reversed) LZW is not supported");
        }
        byte[] out = new byte[expected];
        int[] prefix = new int[TABLE_SIZE];
        byte[] suffix = new byte[TABLE_SIZE];
        byte[] firstByte = new byte[TABLE_SIZE];
        int[] length = new int[TABLE_SIZE];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            firstByte[i] = (byte) i;
            length[i] = 1;
        }
        int next = 258, width = 9, old = -1, outPos = 0;
        long bitBuffer = 0;
        int bits = 0, inPos = 0;
        while (outPos < expected) {
            while (bits < width && inPos < in.length) {
                bitBuffer = (bitBuffer << 8) | (in[inPos++] & 0xFF);
                bits += 8;
            }
            if (bits < width) break;
            int code = (int) ((bitBuffer >>> (bits - width)) & ((1 << width) - 1));
            bits -= width;
            if (code == EOI) break;
            if (code == CLEAR) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            if (old == -1) {
                if (code > 255) throw new TiffFormatException("corrupt LZW data (bad first code " + code + ")");
                out[outPos++] = (byte) code;
                old = code;
                continue;
            }
            int emit;
            if (code < next) {
                emit = code;
                add(prefix, suffix, firstByte, length, next, old, firstByte[code]);
            } else if (code == next) {
                add(prefix, suffix, firstByte, length, next, old, firstByte[old]);
                emit = code;
            } else {
                throw new TiffFormatException("corrupt LZW data (code " + code + " beyond table " + next + ")");
            }
            if (next < TABLE_SIZE) next++;
            outPos = write(out, outPos, emit, prefix, suffix, length);
            old = code;
            if (next + 1 >= (1 << width) && width < 12) width++;
        }
        return out;
    }

    private static void add(int[] prefix, byte[] suffix, byte[] firstByte, int[] length, int next, int old, byte c) {
        if (next >= TABLE_SIZE) return;
        prefix[next] = old;
        suffix[next] = c;
        firstByte[next] = firstByte[old];
        length[next] = length[old] + 1;
    }

    private static int write(byte[] out, int outPos, int code, int[] prefix, byte[] suffix, int[] length) {
        int len = length[code];
        int end = outPos + len;
        int c = code;
        // Walk the chain backwards; bytes past the end of the tile are dropped.
        for (int i = end - 1; i >= outPos; i--) {
            if (i < out.length) out[i] = suffix[c];
            c = prefix[c];
        }
        return Math.min(end, out.length);
    }
}
