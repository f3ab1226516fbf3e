package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.Level;
import org.tessera.image.Rect;

/**
 * Serves a striped (untiled, single-resolution) TIFF through virtual 256x256 tiles and virtual
 * levels, each half the previous (rounded up) until one tile holds it; a pixel of level k is
 * the stored pixel at (x * 2^k, y * 2^k). Only the rows a tile needs are read: uncompressed
 * strips row by row with positional reads, compressed strips one at a time, so a big image
 * is never held in memory. iipsrv refuses such files.
 */
final class StripedTiles {
    static final int TILE = 256;

    private StripedTiles() {
    }

    static List<Level> levels(TiffDirectory d) {
        List<Level> levels = new ArrayList<>();
        long w = d.width(), h = d.height();
        while (true) {
            levels.add(new Level((int) w, (int) h, TILE, TILE));
            if (w <= TILE && h <= TILE) return levels;
            w = (w + 1) / 2;
            h = (h + 1) / 2;
        }
    }

    record Tile(byte[] bytes, ByteOrder order) {
    }

    /**
     * The samples of {@code cell} (in level coordinates, level scale {@code factor}) as one
     * decoded, interleaved tile of cell.width x cell.height (rows padded to whole bytes).
     */
    static Tile read(FileChannel channel, TiffDirectory d, ByteOrder order, int factor, Rect cell) throws IOException {
        if (d.compression() == TiffTags.COMPRESSION_JPEG) throw new UnsupportedImageException("JPEG-compressed strips not supported");
        SampleDecoder.checkSize(cell.width(), cell.height(), d.samplesPerPixel());
        int planes = d.planarConfig() == 2 ? d.samplesPerPixel() : 1;
        int pixelBits = (planes == 1 ? d.samplesPerPixel() : 1) * d.bitsPerSample();
        int w = cell.width(), h = cell.height();
        int outRowBytes = (int) (((long) w * pixelBits + 7) / 8);
        byte[][] out = new byte[planes][outRowBytes * h];
        ByteOrder effective = order;
        for (int p = 0; p < planes; p++) {
            Rows rows = new Rows(channel, d, order, p);
            for (int oy = 0; oy < h; oy++) {
                int sy = (int) Math.min((long) (cell.y() + oy) * factor, d.height() - 1);
                byte[] src = rows.row(sy);
                effective = rows.order;
                gather(src, out[p], oy * outRowBytes, cell.x(), w, factor, pixelBits, d.width());
            }
        }
        byte[] bytes = planes == 1 ? out[0] : SampleConversion.interleave(out, d.bitsPerSample() / 8);
        return new Tile(bytes, effective);
    }

    /** Pixels x0, x0+1, ... of the level (every factor-th stored pixel) from a stored row. */
    private static void gather(byte[] src, byte[] dst, int dstBase, int x0, int w, int factor, int pixelBits, int width) {
        if (pixelBits % 8 == 0) {
            int bytes = pixelBits / 8;
            for (int x = 0; x < w; x++) {
                int sx = (int) Math.min((long) (x0 + x) * factor, width - 1);
                System.arraycopy(src, sx * bytes, dst, dstBase + x * bytes, bytes);
            }
            return;
        }
        for (int x = 0; x < w; x++) {
            long sx = Math.min((long) (x0 + x) * factor, width - 1);
            for (int b = 0; b < pixelBits; b++) {
                long from = sx * pixelBits + b, to = (long) x * pixelBits + b;
                int bit = (src[(int) (from >> 3)] >> (7 - (int) (from & 7))) & 1;
                if (bit != 0) dst[dstBase + (int) (to >> 3)] |= (byte) (0x80 >> (int) (to & 7));
            }
        }
    }

    /** Decoded stored rows of one plane; keeps the last decoded strip, as tiles walk rows in order. */
    private static final class Rows {
        private final FileChannel channel;
        private final TiffDirectory d;
        private final int plane;
        private final int rowBytes;
        private final int stripsPerPlane;
        private ByteOrder order;
        private int stripIndex = -1;
        private byte[] strip;

        Rows(FileChannel channel, TiffDirectory d, ByteOrder order, int plane) {
            this.channel = channel;
            this.d = d;
            this.order = order;
            this.plane = plane;
            this.rowBytes = (int) d.rowBytes();
            this.stripsPerPlane = (d.height() + d.rowsPerStrip() - 1) / d.rowsPerStrip();
        }

        byte[] row(int y) throws IOException {
            int s = y / d.rowsPerStrip(), within = y % d.rowsPerStrip();
            long index = (long) plane * stripsPerPlane + s;
            long offset = d.stripOffsets().get(channel, index), count = d.stripByteCounts().get(channel, index);
            if (d.compression() == TiffTags.COMPRESSION_NONE) {
                long at = offset + (long) within * rowBytes;
                if (offset <= 0 || at + rowBytes > channel.size()) throw new TiffFormatException("strip " + s + " lies beyond the end of the file");
                byte[] row = FileReads.read(channel, at, rowBytes);
                order = SampleConversion.undoPredictor(d.asTile(d.width(), 1, d.predictor()), row, order);
                return row;
            }
            if (s != stripIndex) {
                int rows = Math.min(d.rowsPerStrip(), d.height() - s * d.rowsPerStrip());
                long decoded = (long) rowBytes * rows;
                if (decoded > TiffImageSource.MAX_TILE_BYTES || count > TiffImageSource.MAX_TILE_BYTES) {
                    throw new UnsupportedImageException("compressed strips of " + decoded + " bytes are too large to serve: store the image tiled or with smaller strips");
                }
                if (offset <= 0 || offset + count > channel.size()) throw new TiffFormatException("strip " + s + " lies beyond the end of the file");
                byte[] stored = FileReads.read(channel, offset, (int) count);
                strip = Decompression.decompress(d.compression(), stored, (int) decoded);
                order = SampleConversion.undoPredictor(d.asTile(d.width(), rows, d.predictor()), strip, order);
                stripIndex = s;
            }
            byte[] row = new byte[rowBytes];
            System.arraycopy(strip, within * rowBytes, row, 0, rowBytes);
            return row;
        }
    }
}
