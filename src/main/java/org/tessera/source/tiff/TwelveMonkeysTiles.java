package org.tessera.source.tiff;

import static org.tessera.source.tiff.TiffTags.*;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.tessera.codec.TiffDirectoryWriter;
import org.tessera.codec.TiffDirectoryWriter.Field;
import org.tessera.image.PixelImage;

/**
 * CCITT (Group 3, Group 4, modified Huffman) and old-style JPEG tiles, decoded by TwelveMonkeys.
 * Our parser owns the file's structure; each tile is handed over as a TIFF of its own, one tile
 * wide and one strip long, carrying the few fields those decoders read (and, for old-style
 * JPEG, copies of the table blocks the fields point at).
 */
final class TwelveMonkeysTiles {
    /** Largest old-style JPEG block (interchange stream or table) copied out of the file. */
    private static final int MAX_BLOCK = 1 << 20;
    private static final TIFFImageReaderSpi PROVIDER = new TIFFImageReaderSpi();

    private TwelveMonkeysTiles() {
    }

    static boolean handles(int compression) {
        return switch (compression) {
            case COMPRESSION_CCITT_RLE, COMPRESSION_CCITT_T4, COMPRESSION_CCITT_T6, COMPRESSION_OLD_JPEG -> true;
            default -> false;
        };
    }

    /**
     * The whole tile (tileWidth x tileLength): 1-bit tiles as 0/255 grey (photometric applied),
     * old-style JPEG as grey or RGB.
     */
    static PixelImage decode(TiffDirectory d, byte[] stored, FileChannel channel) throws IOException {
        byte[] tiff = wrap(d, stored, channel);
        ImageReader reader = PROVIDER.createReaderInstance();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(tiff))) {
            reader.setInput(in);
            BufferedImage img = reader.read(0);
            return pixels(d, img.getRaster());
        } catch (IOException | RuntimeException e) {
            throw new TiffFormatException("corrupt " + name(d.compression()) + " tile data: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static String name(int compression) {
        return compression == COMPRESSION_OLD_JPEG ? "old-style JPEG" : "CCITT";
    }

    private static PixelImage pixels(TiffDirectory d, Raster r) throws TiffFormatException {
        int w = d.tileWidth(), h = d.tileLength();
        if (r.getWidth() < w || r.getHeight() < h) {
            throw new TiffFormatException("decoded tile is " + r.getWidth() + "x" + r.getHeight() + ", expected " + w + "x" + h);
        }
        if (d.bitsPerSample() == 1) {
            boolean invert = d.photometric() == PHOTOMETRIC_MIN_IS_WHITE;
            int[] bits = r.getSamples(0, 0, w, h, 0, (int[]) null);
            byte[] out = new byte[w * h];
            for (int i = 0; i < out.length; i++) out[i] = (byte) ((bits[i] != 0) != invert ? 255 : 0);
            return new PixelImage(w, h, 1, out);
        }
        int channels = d.samplesPerPixel();
        if (r.getNumBands() != channels) {
            throw new TiffFormatException("decoded tile has " + r.getNumBands() + " channels, the image declares " + channels);
        }
        int[] samples = r.getPixels(0, 0, w, h, (int[]) null);
        byte[] out = new byte[samples.length];
        for (int i = 0; i < out.length; i++) out[i] = (byte) samples[i];
        return new PixelImage(w, h, channels, out);
    }

    /** A little-endian classic TIFF: header, the copied blocks, the tile, then the one IFD. */
    static byte[] wrap(TiffDirectory d, byte[] stored, FileChannel channel) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(stored.length + 1024);
        body.write(new byte[] {'I', 'I', 42, 0, 0, 0, 0, 0});
        List<Field> fields = new ArrayList<>();
        int spp = d.samplesPerPixel();
        long[] bps = new long[spp];
        java.util.Arrays.fill(bps, d.bitsPerSample());
        fields.add(new Field(IMAGE_WIDTH, TYPE_LONG, new long[] {d.tileWidth()}));
        fields.add(new Field(IMAGE_LENGTH, TYPE_LONG, new long[] {d.tileLength()}));
        fields.add(new Field(BITS_PER_SAMPLE, TYPE_SHORT, bps));
        fields.add(new Field(COMPRESSION, TYPE_SHORT, new long[] {d.compression()}));
        fields.add(new Field(PHOTOMETRIC, TYPE_SHORT, new long[] {d.photometric()}));
        fields.add(new Field(SAMPLES_PER_PIXEL, TYPE_SHORT, new long[] {spp}));
        fields.add(new Field(ROWS_PER_STRIP, TYPE_LONG, new long[] {d.tileLength()}));
        fields.add(new Field(PLANAR_CONFIG, TYPE_SHORT, new long[] {1}));
        for (int tag : List.of(FILL_ORDER, T4_OPTIONS, T6_OPTIONS, OLD_JPEG_PROC, OLD_JPEG_RESTART_INTERVAL,
                YCBCR_SUBSAMPLING, YCBCR_POSITIONING)) {
            long[] v = d.codecFields().get(tag);
            if (v != null) fields.add(new Field(tag, tag == T4_OPTIONS || tag == T6_OPTIONS ? TYPE_LONG : TYPE_SHORT, v));
        }
        boolean selfContained = d.compression() == COMPRESSION_OLD_JPEG && stored.length > 2
                && (stored[0] & 0xFF) == 0xFF && (stored[1] & 0xFF) == 0xD8;
        if (d.compression() == COMPRESSION_OLD_JPEG && !selfContained) copyJpegBlocks(d, channel, body, fields);
        long tileAt = body.size();
        body.write(stored);
        if (selfContained) {
            // The tile is a whole JPEG stream (SOI to EOI): it is its own interchange format, whatever
            // the file's JPEGInterchangeFormat points at (often the first tile only).
            fields.add(new Field(OLD_JPEG_INTERCHANGE_FORMAT, TYPE_LONG, new long[] {tileAt}));
            fields.add(new Field(OLD_JPEG_INTERCHANGE_FORMAT_LENGTH, TYPE_LONG, new long[] {stored.length}));
        }
        fields.add(new Field(STRIP_OFFSETS, TYPE_LONG, new long[] {tileAt}));
        fields.add(new Field(STRIP_BYTE_COUNTS, TYPE_LONG, new long[] {stored.length}));
        fields.sort(Comparator.comparingInt(Field::tag));
        if (body.size() % 2 != 0) body.write(0);
        long ifdAt = body.size();
        body.write(TiffDirectoryWriter.write(fields, ifdAt));
        byte[] out = body.toByteArray();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) ifdAt);
        return out;
    }

    /** Copies the blocks old-style JPEG fields point at into the new file and points the fields there. */
    private static void copyJpegBlocks(TiffDirectory d, FileChannel channel, ByteArrayOutputStream body, List<Field> fields)
            throws IOException {
        long interchange = d.codecField(OLD_JPEG_INTERCHANGE_FORMAT, 0);
        long length = d.codecField(OLD_JPEG_INTERCHANGE_FORMAT_LENGTH, 0);
        if (interchange > 0 && length > 0) {
            long at = body.size();
            body.write(read(channel, interchange, length));
            fields.add(new Field(OLD_JPEG_INTERCHANGE_FORMAT, TYPE_LONG, new long[] {at}));
            fields.add(new Field(OLD_JPEG_INTERCHANGE_FORMAT_LENGTH, TYPE_LONG, new long[] {length}));
        }
        for (int tag : List.of(OLD_JPEG_Q_TABLES, OLD_JPEG_DC_TABLES, OLD_JPEG_AC_TABLES)) {
            long[] offsets = d.codecFields().get(tag);
            if (offsets == null) continue;
            long[] moved = new long[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                moved[i] = body.size();
                if (tag == OLD_JPEG_Q_TABLES) {
                    body.write(read(channel, offsets[i], 64));
                } else {
                    // a Huffman table: 16 code-length counts, then as many symbols as they add up to
                    byte[] counts = read(channel, offsets[i], 16);
                    int symbols = 0;
                    for (byte c : counts) symbols += c & 0xFF;
                    body.write(counts);
                    body.write(read(channel, offsets[i] + 16, symbols));
                }
            }
            fields.add(new Field(tag, TYPE_LONG, moved));
        }
    }

    private static byte[] read(FileChannel channel, long offset, long length) throws IOException {
        if (offset <= 0 || length < 0 || length > MAX_BLOCK || offset + length > channel.size()) {
            throw new TiffFormatException("old-style JPEG block (offset " + offset + ", " + length + " bytes) lies outside the file");
        }
        return FileReads.read(channel, offset, (int) length);
    }
}
