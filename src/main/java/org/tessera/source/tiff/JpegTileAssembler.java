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
}
