package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.IntFunction;

/**
 * Builds a standalone JPEG file from a TIFF JPEG tile: the shared JPEGTables stream without its
 * trailing EOI, then the tile without its leading SOI. Tiles whose photometric is RGB store
 * untransformed RGB components, which decoders only honour when an Adobe APP14 marker with
 * transform 0 says so; YCbCr tiles must not get that marker (it would break their colours).
 */
final class JpegTileAssembler {
    private static final byte[] ADOBE_RGB = {
            (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};

    private JpegTileAssembler() {
    }

    /** The first {@code length} bytes of {@code bytes} are the JPEG (all of them when the array came from {@code byte[]::new}). */
    record Assembled(byte[] bytes, int length) {
    }

    /**
     * The standalone JPEG of the {@code count} bytes at {@code offset}, read straight into the
     * array it is sent from (one from {@code arrays}, at least as long as the JPEG): the tile lands
     * after the room for the header, its SOI on the last two bytes of that room, where it is
     * checked before the header overwrites it. One array, one copy from the file, however large
     * the tile.
     */
    static Assembled read(FileChannel channel, long offset, int count, byte[] tables, boolean rgbComponents,
                          IntFunction<byte[]> arrays) throws IOException {
        if (count < 4) throw new TiffFormatException("JPEG tile does not start with SOI");
        int header = headerLength(tables, rgbComponents);
        int length = header + count - 2;
        byte[] out = arrays.apply(length);
        FileReads.readFully(channel, ByteBuffer.wrap(out, header - 2, count), offset);
        if ((out[header - 2] & 0xFF) != 0xFF || (out[header - 1] & 0xFF) != 0xD8) {
            throw new TiffFormatException("JPEG tile does not start with SOI");
        }
        writeHeader(out, tables, rgbComponents);
        return new Assembled(out, length);
    }

    /** SOI, the Adobe marker when needed, and the tables without their SOI and EOI. */
    private static int headerLength(byte[] tables, boolean rgbComponents) throws TiffFormatException {
        return 2 + (rgbComponents ? ADOBE_RGB.length : 0) + tableBody(tables);
    }

    private static int tableBody(byte[] tables) throws TiffFormatException {
        if (tables.length < 4) return 0;
        if ((tables[0] & 0xFF) != 0xFF || (tables[1] & 0xFF) != 0xD8) {
            throw new TiffFormatException("JPEGTables does not start with SOI");
        }
        int end = tables.length;
        if ((tables[end - 2] & 0xFF) == 0xFF && (tables[end - 1] & 0xFF) == 0xD9) end -= 2;
        return end - 2;
    }

    private static void writeHeader(byte[] out, byte[] tables, boolean rgbComponents) throws TiffFormatException {
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        int p = 2;
        if (rgbComponents) {
            System.arraycopy(ADOBE_RGB, 0, out, p, ADOBE_RGB.length);
            p += ADOBE_RGB.length;
        }
        int body = tableBody(tables);
        if (body > 0) System.arraycopy(tables, 2, out, p, body);
    }

    /**
     * Checks the frame header before anything is decoded: a corrupt tile claiming 65535x65535
     * pixels must not make the decoder allocate gigabytes, and a file whose tiles really are
     * 16384x16384 must not make a 256-pixel request decode 800 MB. The decoded size (width x
     * height x components, 8 bits each) may not exceed {@code maxDecodedBytes}.
     */
    static void checkFrameSize(byte[] jpeg, int maxWidth, int maxHeight, long maxDecodedBytes) throws TiffFormatException {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) throw new TiffFormatException("corrupt JPEG tile (no marker at " + p + ")");
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2;
                continue;
            }
            int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (p + 10 > jpeg.length) break;
                int height = ((jpeg[p + 5] & 0xFF) << 8) | (jpeg[p + 6] & 0xFF);
                int width = ((jpeg[p + 7] & 0xFF) << 8) | (jpeg[p + 8] & 0xFF);
                int components = jpeg[p + 9] & 0xFF;
                if (width == 0 || height == 0 || width > maxWidth || height > maxHeight) {
                    throw new TiffFormatException("JPEG tile is " + width + "x" + height + ", tiles are " + maxWidth + "x" + maxHeight);
                }
                long decoded = (long) width * height * Math.max(1, components);
                if (decoded > maxDecodedBytes) {
                    throw new TiffFormatException("JPEG tile of " + width + "x" + height + "x" + components + " would decode to "
                            + decoded + " bytes (limit " + maxDecodedBytes + ")");
                }
                return;
            }
            if (marker == 0xDA || length < 2) break;
            p += 2 + length;
        }
        throw new TiffFormatException("corrupt JPEG tile (no frame header)");
    }
}
