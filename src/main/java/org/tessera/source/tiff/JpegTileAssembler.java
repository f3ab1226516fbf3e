package org.tessera.source.tiff;

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

    /**
     * What goes before the tile's bytes after its SOI: SOI, the Adobe marker for RGB components,
     * the tables without their SOI and EOI. A reader reads the tile into one array at
     * {@code prefix.length - 2} (its SOI overlapping the prefix's end), checks the SOI, then
     * copies the prefix in front: the tile is read once and never copied.
     */
    static byte[] prefix(byte[] tables, boolean rgbComponents) throws TiffFormatException {
        byte[] p = assemble(tables, new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}, rgbComponents);
        return java.util.Arrays.copyOf(p, p.length - 2);
    }

    /** Checks that {@code jpeg[at..]} starts with SOI (a tile read in place behind its prefix). */
    static void checkSoi(byte[] jpeg, int at, int length) throws TiffFormatException {
        if (length < 4 || (jpeg[at] & 0xFF) != 0xFF || (jpeg[at + 1] & 0xFF) != 0xD8) {
            throw new TiffFormatException("JPEG tile does not start with SOI");
        }
    }

    static byte[] assemble(byte[] tables, byte[] tile, boolean rgbComponents) throws TiffFormatException {
        if (tile.length < 4 || (tile[0] & 0xFF) != 0xFF || (tile[1] & 0xFF) != 0xD8) {
            throw new TiffFormatException("JPEG tile does not start with SOI");
        }
        boolean useTables = tables.length >= 4;
        if (useTables && ((tables[0] & 0xFF) != 0xFF || (tables[1] & 0xFF) != 0xD8)) {
            throw new TiffFormatException("JPEGTables does not start with SOI");
        }
        int tablesEnd = tables.length;
        if (useTables && (tables[tablesEnd - 2] & 0xFF) == 0xFF && (tables[tablesEnd - 1] & 0xFF) == 0xD9) tablesEnd -= 2;
        byte[] marker = rgbComponents ? ADOBE_RGB : new byte[0];
        int tableBody = useTables ? tablesEnd - 2 : 0;
        byte[] out = new byte[2 + marker.length + tableBody + tile.length - 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        int p = 2;
        System.arraycopy(marker, 0, out, p, marker.length);
        p += marker.length;
        if (useTables) {
            System.arraycopy(tables, 2, out, p, tableBody);
            p += tableBody;
        }
        System.arraycopy(tile, 2, out, p, tile.length - 2);
        return out;
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
