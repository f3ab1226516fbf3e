package org.tessera.testing;

import com.twelvemonkeys.io.enc.EncoderStream;
import com.twelvemonkeys.io.enc.PackBitsEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tessera.image.PixelImage;
import org.w3c.dom.Node;

/**
 * Writes tiled pyramidal TIFFs of a {@link PixelImage} for tests: classic or BigTIFF, either byte
 * order, levels as an IFD chain or as SubIFDs of IFD0, several compressions. Level i+1 is level i
 * halved (floor, 2x2 box average) until a level fits in one tile. Configure with the fluent
 * setters, then {@link #write(PixelImage)}.
 */
public final class TiffWriter {
    public enum Compression {
        NONE(1), LZW(5), JPEG(7), DEFLATE(8), PACKBITS(32773);
        final int code;

        Compression(int code) { this.code = code; }
    }

    /** How JPEG tiles are stored: abbreviated tiles + shared JPEGTables, or complete JPEGs per tile. */
    public enum JpegMode { SHARED_TABLES, FULL_PER_TILE }

    private boolean bigTiff;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean subIfds;
    private Compression compression = Compression.NONE;
    private JpegMode jpegMode = JpegMode.SHARED_TABLES;
    private boolean rgbJpeg;
    private boolean predictor;
    private boolean planar;
    private int tileWidth = 256;
    private int tileHeight = 256;
    private int bitsPerSample = 8;
    private boolean minIsWhite;
    private int jpegQuality = 90;
    private boolean label;
    private int maxLevels = Integer.MAX_VALUE;
    private int edgePadding = -1;
    private double resolution;
    private int resolutionUnit = 2;
    private final Map<Integer, String> strings = new TreeMap<>();
    private final Map<Integer, int[]> overrides = new TreeMap<>();

    public TiffWriter bigTiff(boolean v) { bigTiff = v; return this; }

    public TiffWriter order(ByteOrder v) { order = v; return this; }

    public TiffWriter subIfds(boolean v) { subIfds = v; return this; }

    public TiffWriter compression(Compression v) { compression = v; return this; }

    public TiffWriter jpegMode(JpegMode v) { jpegMode = v; return this; }

    /** JPEG tiles with untransformed RGB components and Photometric RGB (no APP14 stored, ids 1,2,3). */
    public TiffWriter rgbJpeg(boolean v) { rgbJpeg = v; return this; }

    public TiffWriter predictor(boolean v) { predictor = v; return this; }

    /** PlanarConfiguration 2: each sample in its own set of tiles (not with JPEG). */
    public TiffWriter planar(boolean v) { planar = v; return this; }

    public TiffWriter tile(int w, int h) { tileWidth = w; tileHeight = h; return this; }

    /** 1 (grey only, threshold 128), 8 or 16 (8-bit values v stored as v*257). */
    public TiffWriter bitsPerSample(int v) { bitsPerSample = v; return this; }

    public TiffWriter minIsWhite(boolean v) { minIsWhite = v; return this; }

    public TiffWriter jpegQuality(int v) { jpegQuality = v; return this; }

    /** Adds an untiled (striped) 8x8 "label" directory after IFD0, as slide scanners do. */
    public TiffWriter label(boolean v) { label = v; return this; }

    public TiffWriter maxLevels(int v) { maxLevels = v; return this; }

    /** Edge tiles padded with this sample value (vips pads with 0) instead of repeating the edge. */
    public TiffWriter edgePadding(int value) { edgePadding = value; return this; }

    public TiffWriter resolution(double perUnit, int unit) { resolution = perUnit; resolutionUnit = unit; return this; }

    /** An ASCII tag written on IFD0 (Artist 315, Copyright 33432, ...). */
    public TiffWriter string(int tag, String value) { strings.put(tag, value); return this; }

    /** Replaces (or adds) a SHORT tag on every level, e.g. to declare a sample format this writer cannot produce. */
    public TiffWriter shortTag(int tag, int... values) { overrides.put(tag, values); return this; }

    public void write(PixelImage image, Path file) throws IOException {
        Files.write(file, write(image));
    }

    /** Level 0 is {@code full}; each next level halves the previous until one fits a tile. */
    public static List<PixelImage> pyramid(PixelImage full, int tileWidth, int tileHeight, int maxLevels) {
        List<PixelImage> levels = new ArrayList<>();
        levels.add(full);
        PixelImage cur = full;
        while ((cur.width() > tileWidth || cur.height() > tileHeight) && cur.width() > 1 && cur.height() > 1
                && levels.size() < maxLevels) {
            cur = halve(cur);
            levels.add(cur);
        }
        return levels;
    }

    static PixelImage halve(PixelImage src) {
        int w = src.width() / 2, h = src.height() / 2, ch = src.channels();
        byte[] out = new byte[w * h * ch];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    int sum = src.sample(2 * x, 2 * y, c) + src.sample(2 * x + 1, 2 * y, c)
                            + src.sample(2 * x, 2 * y + 1, c) + src.sample(2 * x + 1, 2 * y + 1, c);
                    out[(y * w + x) * ch + c] = (byte) ((sum + 2) / 4);
                }
            }
        }
        return new PixelImage(w, h, ch, out);
    }

    public byte[] write(PixelImage image) {
        if (bitsPerSample == 1 && image.channels() != 1) throw new IllegalArgumentException("1-bit needs 1 channel");
        if (compression == Compression.JPEG && (image.channels() == 2 || image.channels() == 4 || bitsPerSample != 8)) {
            throw new IllegalArgumentException("JPEG needs 8-bit 1 or 3 channels");
        }
        List<PixelImage> levels = pyramid(image, tileWidth, tileHeight, maxLevels);
        Out out = new Out(order);
        out.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        long firstIfdPatch;
        if (bigTiff) {
            out.putShort(43);
            out.putShort(8);
            out.putShort(0);
            firstIfdPatch = out.size();
            out.putLong(0);
        } else {
            out.putShort(42);
            firstIfdPatch = out.size();
            out.putInt(0);
        }
        List<Map<Integer, Field>> dirs = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) dirs.add(levelFields(out, levels.get(i), i));
        Map<Integer, Field> labelDir = label ? labelFields(out) : null;

        List<Long> ifdOffsets = new ArrayList<>();
        if (subIfds) {
            // SubIFDs first, so IFD0 can point at them.
            List<Long> subs = new ArrayList<>();
            long prevNext = -1;
            for (int i = 1; i < dirs.size(); i++) {
                long[] w = writeIfd(out, dirs.get(i));
                subs.add(w[0]);
                if (prevNext >= 0) out.patchOffset(prevNext, w[0], bigTiff);
                prevNext = w[1];
            }
            if (!subs.isEmpty()) {
                long[] offs = subs.stream().mapToLong(Long::longValue).toArray();
                dirs.get(0).put(330, bigTiff ? Field.longs(18, offs, order) : Field.longs(4, offs, order));
            }
            ifdOffsets.add(writeIfd(out, dirs.get(0))[0]);
            if (labelDir != null) ifdOffsets.add(-1L);
        } else {
            for (int i = 0; i < dirs.size(); i++) {
                ifdOffsets.add((long) i);
                if (i == 0 && labelDir != null) ifdOffsets.add(-1L);
            }
        }
        // Write the top-level chain in order, patching each "next" pointer.
        long prevNext = firstIfdPatch;
        if (subIfds) {
            out.patchOffset(prevNext, ifdOffsets.get(0), bigTiff);
            prevNext = out.lastNextPointer;
            if (labelDir != null) {
                long[] w = writeIfd(out, labelDir);
                out.patchOffset(prevNext, w[0], bigTiff);
            }
        } else {
            for (long which : ifdOffsets) {
                long[] w = writeIfd(out, which < 0 ? labelDir : dirs.get((int) which));
                out.patchOffset(prevNext, w[0], bigTiff);
                prevNext = w[1];
            }
        }
        return out.toByteArray();
    }

    /** A tag's type, count and value bytes (already in file byte order). */
    record Field(int type, long count, byte[] bytes) {
        static Field shorts(ByteOrder o, int... v) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(o);
            for (int x : v) b.putShort((short) x);
            return new Field(3, v.length, b.array());
        }

        static Field longs(int type, long[] v, ByteOrder o) {
            int size = type == 16 || type == 18 ? 8 : 4;
            ByteBuffer b = ByteBuffer.allocate(v.length * size).order(o);
            for (long x : v) {
                if (size == 8) b.putLong(x);
                else b.putInt((int) x);
            }
            return new Field(type, v.length, b.array());
        }

        static Field rational(double v, ByteOrder o) {
            ByteBuffer b = ByteBuffer.allocate(8).order(o);
            b.putInt((int) Math.round(v * 1000)).putInt(1000);
            return new Field(5, 1, b.array());
        }

        static Field ascii(String s) {
            byte[] a = (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new Field(2, a.length, a);
        }
    }

    private Map<Integer, Field> levelFields(Out out, PixelImage level, int index) {
        int ch = level.channels();
        int across = (level.width() + tileWidth - 1) / tileWidth, down = (level.height() + tileHeight - 1) / tileHeight;
        int planes = planar ? ch : 1;
        long[] offsets = new long[across * down * planes], counts = new long[across * down * planes];
        byte[] tables = null;
        for (int plane = 0; plane < planes; plane++) for (int row = 0; row < down; row++) {
            for (int col = 0; col < across; col++) {
                PixelImage tile = paddedTile(level, col, row);
                if (planar) tile = channel(tile, plane);
                byte[] data;
                if (compression == Compression.JPEG) {
                    byte[] jpeg = encodeJpeg(tile);
                    if (jpegMode == JpegMode.SHARED_TABLES) {
                        byte[][] split = splitTables(jpeg);
                        if (tables == null) tables = split[0];
                        else if (!Arrays.equals(tables, split[0])) throw new IllegalStateException("JPEG tables differ between tiles");
                        data = split[1];
                    } else {
                        data = jpeg;
                    }
                } else {
                    data = compress(encodeSamples(tile));
                }
                out.align();
                int slot = (plane * down + row) * across + col;
                offsets[slot] = out.size();
                counts[slot] = data.length;
                out.put(data);
            }
        }
        Map<Integer, Field> f = new TreeMap<>();
        if (index > 0) f.put(254, Field.longs(4, new long[] {1}, order));
        f.put(256, Field.longs(4, new long[] {level.width()}, order));
        f.put(257, Field.longs(4, new long[] {level.height()}, order));
        int[] bps = new int[ch];
        Arrays.fill(bps, bitsPerSample);
        f.put(258, Field.shorts(order, bps));
        f.put(259, Field.shorts(order, compression.code));
        int photometric = ch <= 2 ? (minIsWhite ? 0 : 1)
                : compression == Compression.JPEG && !rgbJpeg ? 6 : 2;
        f.put(262, Field.shorts(order, photometric));
        f.put(277, Field.shorts(order, ch));
        f.put(284, Field.shorts(order, planar ? 2 : 1));
        if (predictor) f.put(317, Field.shorts(order, 2));
        f.put(322, Field.longs(4, new long[] {tileWidth}, order));
        f.put(323, Field.longs(4, new long[] {tileHeight}, order));
        f.put(324, Field.longs(bigTiff ? 16 : 4, offsets, order));
        f.put(325, Field.longs(bigTiff ? 16 : 4, counts, order));
        if (ch == 2 || ch == 4) f.put(338, Field.shorts(order, 2));
        int[] fmt = new int[ch];
        Arrays.fill(fmt, 1);
        f.put(339, Field.shorts(order, fmt));
        if (tables != null) f.put(347, new Field(7, tables.length, tables));
        if (photometric == 6) f.put(530, Field.shorts(order, 2, 2));
        if (index == 0) {
            if (resolution > 0) {
                f.put(282, Field.rational(resolution, order));
                f.put(283, Field.rational(resolution, order));
                f.put(296, Field.shorts(order, resolutionUnit));
            }
            strings.forEach((tag, s) -> f.put(tag, Field.ascii(s)));
        }
        overrides.forEach((tag, v) -> f.put(tag, Field.shorts(order, v)));
        return f;
    }

    private Map<Integer, Field> labelFields(Out out) {
        out.align();
        long at = out.size();
        out.put(new byte[64]);
        Map<Integer, Field> f = new TreeMap<>();
        f.put(254, Field.longs(4, new long[] {1}, order));
        f.put(256, Field.shorts(order, 8));
        f.put(257, Field.shorts(order, 8));
        f.put(258, Field.shorts(order, 8));
        f.put(259, Field.shorts(order, 1));
        f.put(262, Field.shorts(order, 1));
        f.put(273, Field.longs(4, new long[] {at}, order));
        f.put(277, Field.shorts(order, 1));
        f.put(278, Field.shorts(order, 8));
        f.put(279, Field.longs(4, new long[] {64}, order));
        return f;
    }

    /** Writes an IFD at the end; returns {its offset, position of its "next IFD" pointer}. */
    private long[] writeIfd(Out out, Map<Integer, Field> fields) {
        out.align();
        long start = out.size();
        int countSize = bigTiff ? 8 : 2, entrySize = bigTiff ? 20 : 12, valueSize = bigTiff ? 8 : 4;
        long extra = start + countSize + (long) fields.size() * entrySize + valueSize;
        if (bigTiff) out.putLong(fields.size());
        else out.putShort(fields.size());
        List<byte[]> deferred = new ArrayList<>();
        for (Map.Entry<Integer, Field> e : fields.entrySet()) {
            Field fld = e.getValue();
            out.putShort(e.getKey());
            out.putShort(fld.type());
            if (bigTiff) out.putLong(fld.count());
            else out.putInt((int) fld.count());
            if (fld.bytes().length <= valueSize) {
                out.put(Arrays.copyOf(fld.bytes(), valueSize));
            } else {
                if (bigTiff) out.putLong(extra);
                else out.putInt((int) extra);
                deferred.add(fld.bytes());
                extra += fld.bytes().length + (fld.bytes().length & 1);
            }
        }
        long next = out.size();
        if (bigTiff) out.putLong(0);
        else out.putInt(0);
        out.lastNextPointer = next;
        for (byte[] d : deferred) {
            out.put(d);
            if ((d.length & 1) != 0) out.put(new byte[1]);
        }
        return new long[] {start, next};
    }

    private PixelImage paddedTile(PixelImage level, int col, int row) {
        int ch = level.channels();
        byte[] p = new byte[tileWidth * tileHeight * ch];
        for (int y = 0; y < tileHeight; y++) {
            int sy = Math.min(row * tileHeight + y, level.height() - 1);
            for (int x = 0; x < tileWidth; x++) {
                int sx = Math.min(col * tileWidth + x, level.width() - 1);
                boolean outside = row * tileHeight + y >= level.height() || col * tileWidth + x >= level.width();
                if (outside && edgePadding >= 0) {
                    java.util.Arrays.fill(p, (y * tileWidth + x) * ch, (y * tileWidth + x + 1) * ch, (byte) edgePadding);
                } else {
                    System.arraycopy(level.pixels(), (sy * level.width() + sx) * ch, p, (y * tileWidth + x) * ch, ch);
                }
            }
        }
        return new PixelImage(tileWidth, tileHeight, ch, p);
    }

    private static PixelImage channel(PixelImage img, int c) {
        byte[] p = new byte[img.width() * img.height()];
        for (int i = 0; i < p.length; i++) p[i] = img.pixels()[i * img.channels() + c];
        return new PixelImage(img.width(), img.height(), 1, p);
    }

    private byte[] encodeSamples(PixelImage tile) {
        int ch = tile.channels();
        byte[] px = tile.pixels();
        if (bitsPerSample == 1) {
            int rowBytes = (tileWidth + 7) / 8;
            byte[] out = new byte[rowBytes * tileHeight];
            for (int y = 0; y < tileHeight; y++) {
                for (int x = 0; x < tileWidth; x++) {
                    boolean white = (px[y * tileWidth + x] & 0xFF) >= 128;
                    if (white != minIsWhite) out[y * rowBytes + x / 8] |= (byte) (0x80 >> (x % 8));
                }
            }
            return out;
        }
        byte[] samples = px.clone();
        if (minIsWhite) {
            for (int i = 0; i < samples.length; i += ch) samples[i] = (byte) ~samples[i];
        }
        int rowSamples = tileWidth * ch;
        if (bitsPerSample == 8) {
            if (predictor) {
                for (int y = 0; y < tileHeight; y++) {
                    for (int i = rowSamples - 1; i >= ch; i--) samples[y * rowSamples + i] -= samples[y * rowSamples + i - ch];
                }
            }
            return samples;
        }
        int[] v = new int[samples.length];
        for (int i = 0; i < v.length; i++) v[i] = (samples[i] & 0xFF) * 257;
        if (predictor) {
            for (int y = 0; y < tileHeight; y++) {
                for (int i = rowSamples - 1; i >= ch; i--) {
                    v[y * rowSamples + i] = (v[y * rowSamples + i] - v[y * rowSamples + i - ch]) & 0xFFFF;
                }
            }
        }
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(order);
        for (int x : v) b.putShort((short) x);
        return b.array();
    }

    private byte[] compress(byte[] raw) {
        try {
            return switch (compression) {
                case NONE -> raw;
                case DEFLATE -> {
                    Deflater d = new Deflater(6);
                    d.setInput(raw);
                    d.finish();
                    ByteArrayOutputStream bos = new ByteArrayOutputStream();
                    byte[] buf = new byte[8192];
                    while (!d.finished()) bos.write(buf, 0, d.deflate(buf));
                    d.end();
                    yield bos.toByteArray();
                }
                case LZW -> lzw(raw);
                case PACKBITS -> {
                    // TIFF PackBits packs each row separately.
                    int rowBytes = raw.length / tileHeight;
                    ByteArrayOutputStream bos = new ByteArrayOutputStream();
                    for (int y = 0; y < tileHeight; y++) {
                        try (OutputStream enc = new EncoderStream(new NonClosing(bos), new PackBitsEncoder(), true)) {
                            enc.write(raw, y * rowBytes, rowBytes);
                        }
                    }
                    yield bos.toByteArray();
                }
                case JPEG -> throw new IllegalStateException();
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) { super(out); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override
        public void close() throws IOException { flush(); }
    }

    /** TIFF LZW encoder (MSB-first codes, early change), the counterpart of the reader's decoder. */
    static byte[] lzw(byte[] in) {
        BitWriter bits = new BitWriter();
        Map<Integer, Integer> table = new HashMap<>();
        int width = 9, next = 258;
        bits.put(256, width);
        if (in.length == 0) {
            bits.put(257, width);
            return bits.toByteArray();
        }
        int w = in[0] & 0xFF;
        for (int i = 1; i < in.length; i++) {
            int c = in[i] & 0xFF;
            Integer code = table.get(w << 8 | c);
            if (code != null) {
                w = code;
                continue;
            }
            bits.put(w, width);
            table.put(w << 8 | c, next++);
            if (next == 4094) {
                bits.put(256, width);
                table.clear();
                next = 258;
                width = 9;
            } else if (next >= (1 << width)) {
                width++;
            }
            w = c;
        }
        bits.put(w, width);
        next++;
        if (next == 4094) {
            bits.put(256, width);
            width = 9;
        } else if (next >= (1 << width)) {
            width++;
        }
        bits.put(257, width);
        return bits.toByteArray();
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        void put(int code, int width) {
            buffer = (buffer << width) | code;
            count += width;
            while (count >= 8) {
                out.write((int) (buffer >>> (count - 8)));
                count -= 8;
            }
        }

        byte[] toByteArray() {
            if (count > 0) out.write((int) (buffer << (8 - count)));
            count = 0;
            return out.toByteArray();
        }
    }

    private byte[] encodeJpeg(PixelImage tile) {
        try {
            BufferedImage bi = new BufferedImage(tile.width(), tile.height(),
                    tile.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            byte[] px = tile.pixels();
            int[] samples = new int[px.length];
            for (int i = 0; i < px.length; i++) samples[i] = px[i] & 0xFF;
            bi.getRaster().setPixels(0, 0, tile.width(), tile.height(), samples);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
                IIOMetadata md = writer.getDefaultImageMetadata(new ImageTypeSpecifier(bi), param);
                if (rgbJpeg && tile.channels() == 3) {
                    String fmt = "javax_imageio_jpeg_image_1.0";
                    Node root = md.getAsTree(fmt);
                    Node variety = root.getFirstChild();
                    while (variety.hasChildNodes()) variety.removeChild(variety.getFirstChild());
                    IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
                    adobe.setAttribute("transform", "0");
                    root.getLastChild().insertBefore(adobe, root.getLastChild().getFirstChild());
                    md.setFromTree(fmt, root);
                }
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(bos)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(bi, null, md), param);
                }
                return bos.toByteArray();
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits a complete JPEG into {tables-only stream, abbreviated tile}: DQT and DHT move to the
     * tables; JFIF/Adobe markers are dropped (TIFF tiles carry none); for RGB tiles the component
     * ids become 1,2,3 so only an Adobe marker can tell a decoder the data is RGB.
     */
    private byte[][] splitTables(byte[] jpeg) {
        ByteArrayOutputStream tables = new ByteArrayOutputStream(), tile = new ByteArrayOutputStream();
        tables.write(0xFF);
        tables.write(0xD8);
        tile.write(0xFF);
        tile.write(0xD8);
        int p = 2;
        while (true) {
            int marker = jpeg[p + 1] & 0xFF;
            int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            byte[] seg = Arrays.copyOfRange(jpeg, p, p + 2 + len);
            if (marker == 0xDA) {
                byte[] rest = Arrays.copyOfRange(jpeg, p, jpeg.length);
                if (rgbJpeg) renumberComponents(rest, 5, rest[4] & 0xFF, 2);
                tile.writeBytes(rest);
                break;
            }
            if (marker == 0xDB || marker == 0xC4) {
                tables.writeBytes(seg);
            } else if (marker != 0xE0 && marker != 0xEE) {
                if (rgbJpeg && marker == 0xC0) renumberComponents(seg, 10, seg[9] & 0xFF, 3);
                tile.writeBytes(seg);
            }
            p += 2 + len;
        }
        tables.write(0xFF);
        tables.write(0xD9);
        return new byte[][] {tables.toByteArray(), tile.toByteArray()};
    }

    private static void renumberComponents(byte[] seg, int first, int n, int stride) {
        for (int i = 0; i < n; i++) seg[first + i * stride] = (byte) (i + 1);
    }

    /** A growable buffer with positional patching, in the file's byte order. */
    private static final class Out {
        private final ByteOrder order;
        private byte[] buf = new byte[1 << 16];
        private int size;
        long lastNextPointer;

        Out(ByteOrder order) { this.order = order; }

        long size() { return size; }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void putShort(int v) { put(ByteBuffer.allocate(2).order(order).putShort((short) v).array()); }

        void putInt(int v) { put(ByteBuffer.allocate(4).order(order).putInt(v).array()); }

        void putLong(long v) { put(ByteBuffer.allocate(8).order(order).putLong(v).array()); }

        void align() { if ((size & 1) != 0) put(new byte[1]); }

        void patchOffset(long at, long value, boolean big) {
            byte[] b = big ? ByteBuffer.allocate(8).order(order).putLong(value).array()
                    : ByteBuffer.allocate(4).order(order).putInt((int) value).array();
            System.arraycopy(b, 0, buf, (int) at, b.length);
        }

        private void ensure(int more) {
            if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }

        byte[] toByteArray() { return Arrays.copyOf(buf, size); }
    }
}
