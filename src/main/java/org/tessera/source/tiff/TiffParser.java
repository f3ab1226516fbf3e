package org.tessera.source.tiff;

import static org.tessera.source.tiff.TiffTags.*;

import java.io.IOException;
import org.tessera.image.CNumbers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the IFD structure of a classic or BigTIFF file in either byte order. Every count and size
 * taken from the file is bounded before anything is allocated, so a corrupt or hostile file fails
 * with a {@link TiffFormatException} instead of exhausting memory or looping. Beyond the per-tag
 * limits, everything read from tags of one file counts against {@link #MAX_METADATA_BYTES}: a small
 * file whose many directories all point at one large string must not cost memory per directory.
 * Descriptive metadata (artist, XMP, ...) is read from the first directory only, the one it describes.
 */
public final class TiffParser {
    static final int MAX_DIRECTORIES = 4096;
    static final int MAX_ENTRIES = 4096;
    static final int MAX_STRING_BYTES = 1 << 20;
    static final int MAX_SMALL_ARRAY = 1 << 16;
    static final long MAX_TILES_PER_LEVEL = 1 << 20;
    static final int MAX_TILE_SIDE = 1 << 16;
    static final int MAX_SAMPLES = 1024;
    static final long MAX_METADATA_BYTES = 4L << 20;

    private static final Map<Integer, String> METADATA_TAGS = Map.of(
            ARTIST, "creator", COPYRIGHT, "rights", DATE_TIME, "date", IMAGE_DESCRIPTION, "description",
            DOCUMENT_NAME, "title", PAGE_NAME, "pagename", SOFTWARE, "software", MAKE, "make", MODEL, "model",
            XMP, "xmp");

    private final FileChannel channel;
    private final long fileSize;
    private ByteOrder order;
    private boolean bigTiff;
    private final Set<Long> visited = new HashSet<>();
    /** Bytes read from tag values so far, against MAX_METADATA_BYTES. */
    private long metadataBytes;

    private TiffParser(FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
    }

    /** Parses the header, the top-level IFD chain and the SubIFDs of the first directory. */
    public static TiffStructure parse(FileChannel channel) throws IOException {
        return new TiffParser(channel).parse();
    }

    private record Entry(int tag, int type, long count, long position) {
    }

    private TiffStructure parse() throws IOException {
        if (fileSize < 8) throw new TiffFormatException("file too short for a TIFF header");
        byte[] header = FileReads.read(channel, 0, (int) Math.min(16, fileSize));
        if (header[0] == 'I' && header[1] == 'I') order = ByteOrder.LITTLE_ENDIAN;
        else if (header[0] == 'M' && header[1] == 'M') order = ByteOrder.BIG_ENDIAN;
        else throw new TiffFormatException("not a TIFF file (bad byte order mark)");
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        int magic = h.getShort(2) & 0xFFFF;
        long first;
        if (magic == 42) {
            first = h.getInt(4) & 0xFFFFFFFFL;
        } else if (magic == 43) {
            if (header.length < 16) throw new TiffFormatException("file too short for a BigTIFF header");
            if ((h.getShort(4) & 0xFFFF) != 8 || h.getShort(6) != 0) throw new TiffFormatException("unsupported BigTIFF offset size");
            bigTiff = true;
            first = h.getLong(8);
        } else {
            throw new TiffFormatException("not a TIFF file (magic number " + magic + ")");
        }
        List<TiffDirectory> dirs = new ArrayList<>();
        long next = first;
        while (next != 0) {
            if (dirs.size() >= MAX_DIRECTORIES) throw new TiffFormatException("more than " + MAX_DIRECTORIES + " directories");
            Map<Integer, Entry> entries = new HashMap<>();
            long following = readIfd(next, entries);
            // every top-level directory may carry SubIFDs: each page of a stack has its own pyramid
            dirs.add(directory(next, entries, true));
            next = following;
        }
        if (dirs.isEmpty()) throw new TiffFormatException("TIFF file has no image directory");
        return new TiffStructure(bigTiff, order, dirs);
    }

    /** Reads the entries of the IFD at {@code offset} and returns the offset of the next IFD. */
    private long readIfd(long offset, Map<Integer, Entry> entries) throws IOException {
        if (offset < 8 || offset >= fileSize) throw new TiffFormatException("directory offset " + offset + " outside the file");
        if (!visited.add(offset)) throw new TiffFormatException("directory chain loops back to offset " + offset);
        if (visited.size() > MAX_DIRECTORIES) throw new TiffFormatException("more than " + MAX_DIRECTORIES + " directories");
        int countSize = bigTiff ? 8 : 2;
        int entrySize = bigTiff ? 20 : 12;
        int valueSize = bigTiff ? 8 : 4;
        ByteBuffer cb = ByteBuffer.allocate(countSize).order(order);
        FileReads.readFully(channel, cb, offset);
        long n = bigTiff ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (n < 0 || n > MAX_ENTRIES) throw new TiffFormatException("directory with " + n + " entries");
        long total = countSize + n * entrySize + valueSize;
        if (offset + total > fileSize) throw new TiffFormatException("directory at offset " + offset + " is truncated");
        ByteBuffer b = ByteBuffer.allocate((int) total).order(order);
        FileReads.readFully(channel, b, offset);
        for (int i = 0; i < n; i++) {
            int base = countSize + i * entrySize;
            int tag = b.getShort(base) & 0xFFFF;
            int type = b.getShort(base + 2) & 0xFFFF;
            long count = bigTiff ? b.getLong(base + 4) : b.getInt(base + 4) & 0xFFFFFFFFL;
            int valueAt = base + (bigTiff ? 12 : 8);
            int size = typeSize(type);
            if (size == 0) continue; // unknown field type: TIFF says readers must skip it
            if (count < 0 || count > fileSize) throw new TiffFormatException("data of tag " + tag + " lies beyond the end of the file (count " + count + ")");
            long bytes = count * size;
            long position = bytes <= valueSize
                    ? offset + valueAt
                    : (bigTiff ? b.getLong(valueAt) : b.getInt(valueAt) & 0xFFFFFFFFL);
            if (position < 0 || position + bytes > fileSize) {
                throw new TiffFormatException("data of tag " + tag + " lies beyond the end of the file");
            }
            entries.putIfAbsent(tag, new Entry(tag, type, count, position));
        }
        int nextAt = countSize + (int) n * entrySize;
        return bigTiff ? b.getLong(nextAt) : b.getInt(nextAt) & 0xFFFFFFFFL;
    }

    private TiffDirectory directory(long offset, Map<Integer, Entry> e, boolean withSubIfds) throws IOException {
        long width = scalar(e, IMAGE_WIDTH, 0);
        long height = scalar(e, IMAGE_LENGTH, 0);
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new TiffFormatException("directory at offset " + offset + " has an invalid size " + width + "x" + height);
        }
        long spp = scalar(e, SAMPLES_PER_PIXEL, 1);
        if (spp < 1 || spp > MAX_SAMPLES) throw new TiffFormatException("invalid SamplesPerPixel " + spp);
        long bps = scalar(e, BITS_PER_SAMPLE, 1);
        if (bps < 1 || bps > 64) throw new TiffFormatException("invalid BitsPerSample " + bps);
        int planar = (int) scalar(e, PLANAR_CONFIG, 1);
        long tw = scalar(e, TILE_WIDTH, 0);
        long tl = scalar(e, TILE_LENGTH, 0);
        TiffArray offsets = null, counts = null;
        if (tw > 0 && tl > 0 && e.containsKey(TILE_OFFSETS)) {
            if (tw > MAX_TILE_SIDE || tl > MAX_TILE_SIDE) throw new TiffFormatException("tile size " + tw + "x" + tl + " too large");
            long tiles = ((width + tw - 1) / tw) * ((height + tl - 1) / tl);
            if (tiles > MAX_TILES_PER_LEVEL) throw new TiffFormatException(tiles + " tiles in one level (limit " + MAX_TILES_PER_LEVEL + ")");
            long expected = planar == 2 ? tiles * spp : tiles;
            offsets = tileArray(e, TILE_OFFSETS, expected);
            counts = tileArray(e, TILE_BYTE_COUNTS, expected);
        } else {
            tw = 0;
            tl = 0;
        }
        long rowsPerStrip = 0;
        TiffArray stripOffsets = null, stripCounts = null;
        if (offsets == null && e.containsKey(STRIP_OFFSETS)) {
            rowsPerStrip = Math.min(scalar(e, ROWS_PER_STRIP, height), height);
            if (rowsPerStrip <= 0) rowsPerStrip = height;
            long strips = (height + rowsPerStrip - 1) / rowsPerStrip;
            if (strips > MAX_TILES_PER_LEVEL) throw new TiffFormatException(strips + " strips (limit " + MAX_TILES_PER_LEVEL + ")");
            long expected = planar == 2 ? strips * spp : strips;
            stripOffsets = tileArray(e, STRIP_OFFSETS, expected);
            stripCounts = tileArray(e, STRIP_BYTE_COUNTS, expected);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> m : METADATA_TAGS.entrySet()) {
            Entry entry = withSubIfds ? e.get(m.getKey()) : null;
            if (entry != null) {
                String s = string(entry);
                if (!s.isBlank()) metadata.put(m.getValue(), s);
            }
        }
        Entry stonits = e.get(STONITS);
        if (stonits != null && stonits.count() > 0) {
            metadata.put("scale", printfG(doubles(new Entry(STONITS, stonits.type(), 1, stonits.position()))[0]));
        }
        List<TiffDirectory> subs = new ArrayList<>();
        if (withSubIfds && e.containsKey(SUB_IFDS)) {
            for (long sub : longs(e.get(SUB_IFDS), MAX_DIRECTORIES)) {
                Map<Integer, Entry> se = new HashMap<>();
                readIfd(sub, se); // SubIFDs' own "next" pointers chain further SubIFDs we do not use
                subs.add(directory(sub, se, false));
            }
        }
        return new TiffDirectory(offset, scalar(e, NEW_SUBFILE_TYPE, 0), (int) width, (int) height, (int) bps, (int) spp,
                (int) scalar(e, COMPRESSION, COMPRESSION_NONE), (int) scalar(e, PHOTOMETRIC, spp < 3 ? PHOTOMETRIC_MIN_IS_BLACK : PHOTOMETRIC_RGB), planar,
                (int) scalar(e, PREDICTOR, 1), (int) scalar(e, SAMPLE_FORMAT, 1), ints(e, EXTRA_SAMPLES),
                (int) tw, (int) tl, offsets, counts, bytes(e.get(JPEG_TABLES)),
                doubles(e.get(S_MIN_SAMPLE_VALUE)), doubles(e.get(S_MAX_SAMPLE_VALUE)),
                firstDouble(e, X_RESOLUTION), firstDouble(e, Y_RESOLUTION), (int) scalar(e, RESOLUTION_UNIT, 2),
                ints(e, YCBCR_SUBSAMPLING), metadata, subs, codecFields(e), colorMap(e), bytes(e.get(ICC_PROFILE)),
                (int) rowsPerStrip, stripOffsets, stripCounts);
    }

    private Map<Integer, long[]> codecFields(Map<Integer, Entry> e) throws IOException {
        Map<Integer, long[]> out = new HashMap<>();
        for (int tag : CODEC_FIELDS) {
            Entry entry = e.get(tag);
            boolean integer = switch (entry == null ? 0 : entry.type()) {
                case TYPE_BYTE, TYPE_SHORT, TYPE_LONG, TYPE_LONG8, TYPE_IFD, TYPE_IFD8 -> true;
                default -> false;
            };
            // A field of a wrong type is left out: the decoder that needs it then refuses the tile.
            if (integer) out.put(tag, longs(entry, MAX_SAMPLES));
        }
        return Map.copyOf(out);
    }

    private TiffArray tileArray(Map<Integer, Entry> e, int tag, long expected) throws IOException {
        Entry entry = e.get(tag);
        if (entry == null) throw new TiffFormatException("tiled directory without tag " + tag);
        int t = entry.type();
        if (t != TYPE_SHORT && t != TYPE_LONG && t != TYPE_LONG8 && t != TYPE_IFD && t != TYPE_IFD8) {
            throw new TiffFormatException("tag " + tag + " has non-integer type " + t);
        }
        if (entry.count() < expected) {
            throw new TiffFormatException("tag " + tag + " lists " + entry.count() + " tiles, " + expected + " expected");
        }
        if (entry.count() <= TiffArray.PRELOAD_MAX) {
            long[] all = longs(entry, TiffArray.PRELOAD_MAX);
            return new TiffArray(t, expected, entry.position(), order, java.util.Arrays.copyOf(all, (int) expected));
        }
        return new TiffArray(t, expected, entry.position(), order);
    }

    /** The first value of a tag (per-sample tags such as BitsPerSample are assumed uniform). */
    private long scalar(Map<Integer, Entry> e, int tag, long fallback) throws IOException {
        Entry entry = e.get(tag);
        if (entry == null || entry.count() == 0) return fallback;
        return longs(new Entry(tag, entry.type(), 1, entry.position()), 1)[0];
    }

    private double firstDouble(Map<Integer, Entry> e, int tag) throws IOException {
        Entry entry = e.get(tag);
        if (entry == null || entry.count() == 0) return 0;
        return doubles(new Entry(tag, entry.type(), 1, entry.position()))[0];
    }

    /** C's printf("%g"): 6 significant digits, trailing zeros removed, exponent form below 1e-4 or from 1e6. */
    static String printfG(double v) { return CNumbers.g(v, 6); }

    /** ColorMap: 3 * 2^bps values at most 16-bit indices; larger tables are refused by the sample checks. */
    private int[] colorMap(Map<Integer, Entry> e) throws IOException {
        Entry entry = e.get(COLOR_MAP);
        if (entry == null) return new int[0];
        long[] v = longs(entry, 3 << 16);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    private int[] ints(Map<Integer, Entry> e, int tag) throws IOException {
        Entry entry = e.get(tag);
        if (entry == null) return new int[0];
        long[] v = longs(entry, MAX_SAMPLES);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    private ByteBuffer data(Entry entry, long maxCount) throws IOException {
        if (entry.count() > maxCount) {
            throw new TiffFormatException("tag " + entry.tag() + " has " + entry.count() + " values (limit " + maxCount + ")");
        }
        int size = typeSize(entry.type());
        long bytes = entry.count() * size;
        metadataBytes += bytes;
        if (metadataBytes > MAX_METADATA_BYTES) {
            throw new TiffFormatException("tag values of this file exceed " + MAX_METADATA_BYTES + " bytes in total");
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(order);
        FileReads.readFully(channel, b, entry.position());
        return b.flip();
    }

    private long[] longs(Entry entry, int maxCount) throws IOException {
        ByteBuffer b = data(entry, maxCount);
        long[] out = new long[(int) entry.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (entry.type()) {
                case TYPE_BYTE, TYPE_UNDEFINED, TYPE_ASCII -> b.get() & 0xFF;
                case TYPE_SBYTE -> b.get();
                case TYPE_SHORT -> b.getShort() & 0xFFFF;
                case TYPE_SSHORT -> b.getShort();
                case TYPE_LONG, TYPE_IFD -> b.getInt() & 0xFFFFFFFFL;
                case TYPE_SLONG -> b.getInt();
                case TYPE_LONG8, TYPE_SLONG8, TYPE_IFD8 -> b.getLong();
                default -> throw new TiffFormatException("tag " + entry.tag() + " has non-integer type " + entry.type());
            };
        }
        return out;
    }

    private double[] doubles(Entry entry) throws IOException {
        if (entry == null) return new double[0];
        int t = entry.type();
        if (t != TYPE_RATIONAL && t != TYPE_SRATIONAL && t != TYPE_FLOAT && t != TYPE_DOUBLE) {
            long[] v = longs(entry, MAX_SAMPLES);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i];
            return out;
        }
        ByteBuffer b = data(entry, MAX_SAMPLES);
        double[] out = new double[(int) entry.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t) {
                case TYPE_RATIONAL -> {
                    long num = b.getInt() & 0xFFFFFFFFL, den = b.getInt() & 0xFFFFFFFFL;
                    yield den == 0 ? 0 : (double) num / den;
                }
                case TYPE_SRATIONAL -> {
                    int num = b.getInt(), den = b.getInt();
                    yield den == 0 ? 0 : (double) num / den;
                }
                case TYPE_FLOAT -> b.getFloat();
                default -> b.getDouble();
            };
        }
        return out;
    }

    private byte[] bytes(Entry entry) throws IOException {
        if (entry == null) return new byte[0];
        if (typeSize(entry.type()) != 1) throw new TiffFormatException("tag " + entry.tag() + " is not a byte array");
        ByteBuffer b = data(entry, MAX_STRING_BYTES);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** ASCII (or, for XMP, BYTE/UNDEFINED) text up to the first NUL; read as UTF-8 since many writers store UTF-8. */
    private String string(Entry entry) throws IOException {
        if (typeSize(entry.type()) != 1) return "";
        byte[] raw = bytes(entry);
        int end = 0;
        while (end < raw.length && raw[end] != 0) end++;
        return new String(raw, 0, end, StandardCharsets.UTF_8).strip();
    }
}
