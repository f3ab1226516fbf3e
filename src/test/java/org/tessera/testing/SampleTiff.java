package org.tessera.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Writes single-level tiled TIFFs of arbitrary samples for tests: 1 to 32-bit integers (signed
 * or not), 16/32/64-bit floats, any number of channels, chunky or planar, any photometric, with
 * several pages (NewSubfileType 2) for stacks. The sample values come from a function, so a test
 * knows every stored number. Where {@link TiffWriter} builds pyramids of 8-bit pictures, this
 * builds the scientific and archival layouts.
 */
public final class SampleTiff {
    /** The stored value of channel c at (x,y) of page p; integers are truncated to the sample type. */
    @FunctionalInterface
    public interface Samples {
        double value(int page, int x, int y, int c);
    }

    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int width = 64, height = 48, channels = 1, bits = 8, format = 1, photometric = 1;
    private int tileWidth = 32, tileHeight = 32, pages = 1;
    private boolean planar, deflate, stripped;
    private int predictor = 1;
    private Samples samples = (p, x, y, c) -> 0;
    private final Map<Integer, Field> extra = new TreeMap<>();
    private final List<String> pageNames = new ArrayList<>();
    private final List<Double> pageScales = new ArrayList<>();

    public SampleTiff order(ByteOrder v) { order = v; return this; }

    public SampleTiff size(int w, int h) { width = w; height = h; return this; }

    public SampleTiff channels(int v) { channels = v; return this; }

    /** Bits per sample (any width up to 32; not whole bytes: packed most significant bit first) and SampleFormat (1 unsigned, 2 signed, 3 float). */
    public SampleTiff bits(int v, int sampleFormat) { bits = v; format = sampleFormat; return this; }

    public SampleTiff photometric(int v) { photometric = v; return this; }

    public SampleTiff tile(int w, int h) { tileWidth = w; tileHeight = h; return this; }

    /** Strips of {@code rowsPerStrip} rows instead of tiles (the tile height is used as RowsPerStrip). */
    public SampleTiff stripped(int rowsPerStrip) { stripped = true; tileWidth = width; tileHeight = rowsPerStrip; return this; }

    public SampleTiff planar(boolean v) { planar = v; return this; }

    public SampleTiff deflate(boolean v) { deflate = v; return this; }

    /** 2 horizontal differencing, 3 floating point (only with deflate, as libtiff writes it). */
    public SampleTiff predictor(int v) { predictor = v; return this; }

    public SampleTiff pages(int v) { pages = v; return this; }

    /** DocumentName and STONITS scale of each page (stack pages). */
    public SampleTiff page(String name, double scale) { pageNames.add(name); pageScales.add(scale); return this; }

    public SampleTiff samples(Samples v) { samples = v; return this; }

    public SampleTiff colorMap(int[] map) { extra.put(320, shorts(map)); return this; }

    /** SMinSampleValue / SMaxSampleValue as DOUBLE, one per channel (or one for all). */
    public SampleTiff sampleRange(double[] min, double[] max) {
        extra.put(340, doubles(min));
        extra.put(341, doubles(max));
        return this;
    }

    public SampleTiff iccProfile(byte[] icc) { extra.put(34675, new Field(7, icc.length, icc)); return this; }

    public SampleTiff xmp(String xml) {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        extra.put(700, new Field(1, b.length, b));
        return this;
    }

    /** Any SHORT tag on every page, e.g. to make a file lie about itself. */
    public SampleTiff shortTag(int tag, int... values) { extra.put(tag, shorts(values)); return this; }

    public Path write(Path file) throws IOException {
        Files.write(file, write());
        return file;
    }

    public byte[] write() {
        Out out = new Out();
        out.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        out.putShort(42);
        long nextPatch = out.size();
        out.putInt(0);
        for (int p = 0; p < pages; p++) {
            Map<Integer, Field> f = pageFields(out, p);
            long[] w = writeIfd(out, f);
            out.patchInt(nextPatch, w[0]);
            nextPatch = w[1];
        }
        return out.bytes();
    }

    private Map<Integer, Field> pageFields(Out out, int page) {
        int across = stripped ? 1 : (width + tileWidth - 1) / tileWidth, down = (height + tileHeight - 1) / tileHeight;
        int planes = planar ? channels : 1;
        long[] offsets = new long[across * down * planes], counts = new long[offsets.length];
        for (int plane = 0; plane < planes; plane++) {
            for (int row = 0; row < down; row++) {
                for (int col = 0; col < across; col++) {
                    int rows = stripped ? Math.min(tileHeight, height - row * tileHeight) : tileHeight;
                    byte[] data = block(page, col * tileWidth, row * tileHeight, tileWidth, rows, planar ? plane : -1);
                    if (deflate) data = deflate(data);
                    out.align();
                    int slot = (plane * down + row) * across + col;
                    offsets[slot] = out.size();
                    counts[slot] = data.length;
                    out.put(data);
                }
            }
        }
        Map<Integer, Field> f = new TreeMap<>();
        if (pages > 1) f.put(254, longs(new long[] {2}));
        f.put(256, longs(new long[] {width}));
        f.put(257, longs(new long[] {height}));
        int[] per = new int[channels];
        Arrays.fill(per, bits);
        f.put(258, shorts(per));
        f.put(259, shorts(new int[] {deflate ? 8 : 1}));
        f.put(262, shorts(new int[] {photometric}));
        f.put(277, shorts(new int[] {channels}));
        f.put(284, shorts(new int[] {planar ? 2 : 1}));
        if (predictor != 1) f.put(317, shorts(new int[] {predictor}));
        if (stripped) {
            f.put(273, longs(offsets));
            f.put(278, longs(new long[] {tileHeight}));
            f.put(279, longs(counts));
        } else {
            f.put(322, longs(new long[] {tileWidth}));
            f.put(323, longs(new long[] {tileHeight}));
            f.put(324, longs(offsets));
            f.put(325, longs(counts));
        }
        Arrays.fill(per, format);
        f.put(339, shorts(per));
        if (page < pageNames.size()) {
            f.put(269, ascii(pageNames.get(page)));
            f.put(37439, doubles(new double[] {pageScales.get(page)}));
        }
        f.putAll(extra);
        return f;
    }

    /** The samples of one tile (padded with the edge value) or strip, chunky or one plane, predictor applied. */
    private byte[] block(int page, int x0, int y0, int w, int h, int plane) {
        int spp = plane < 0 ? channels : 1;
        int rowBytes = (w * spp * bits + 7) / 8;
        ByteBuffer b = ByteBuffer.allocate(rowBytes * h).order(order);
        for (int y = 0; y < h; y++) {
            int sy = Math.min(y0 + y, height - 1);
            long bitPos = (long) y * rowBytes * 8;
            for (int x = 0; x < w; x++) {
                int sx = Math.min(x0 + x, width - 1);
                for (int c = 0; c < spp; c++) {
                    double v = samples.value(page, sx, sy, plane < 0 ? c : plane);
                    int at = (y * w + x) * spp + c;
                    if (bits % 8 != 0) {
                        long iv = (long) v;
                        for (int k = bits - 1; k >= 0; k--, bitPos++) {
                            if ((iv >> k & 1) != 0) {
                                int idx = (int) (bitPos >> 3);
                                b.put(idx, (byte) (b.get(idx) | (0x80 >> (int) (bitPos & 7))));
                            }
                        }
                    } else if (format == 3 && bits >= 16) {
                        switch (bits) {
                            case 16 -> b.putShort(at * 2, Float.floatToFloat16((float) v));
                            case 32 -> b.putFloat(at * 4, (float) v);
                            default -> b.putDouble(at * 8, v);
                        }
                    } else {
                        long iv = (long) v;
                        switch (bits) {
                            case 8 -> b.put(at, (byte) iv);
                            case 16 -> b.putShort(at * 2, (short) iv);
                            default -> b.putInt(at * 4, (int) iv);
                        }
                    }
                }
            }
        }
        byte[] data = b.array();
        if (predictor == 2) difference(data, rowBytes, h, spp);
        if (predictor == 3) floatingPoint(data, rowBytes, h, spp);
        return data;
    }

    private void difference(byte[] data, int rowBytes, int h, int spp) {
        int bytes = bits / 8;
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        for (int y = 0; y < h; y++) {
            int base = y * rowBytes;
            for (int i = base + rowBytes - bytes; i >= base + spp * bytes; i -= bytes) {
                int prev = i - spp * bytes;
                switch (bytes) {
                    case 1 -> data[i] -= data[prev];
                    case 2 -> b.putShort(i, (short) (b.getShort(i) - b.getShort(prev)));
                    default -> b.putInt(i, b.getInt(i) - b.getInt(prev));
                }
            }
        }
    }

    /** libtiff's floating-point predictor: bytes of each row regrouped most significant first, then byte differences. */
    private void floatingPoint(byte[] data, int rowBytes, int h, int spp) {
        int bytes = bits / 8, count = rowBytes / bytes;
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        byte[] tmp = new byte[rowBytes];
        for (int y = 0; y < h; y++) {
            int base = y * rowBytes;
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < bytes; k++) {
                    int src = base + i * bytes + (little ? bytes - 1 - k : k);
                    tmp[k * count + i] = data[src];
                }
            }
            for (int i = rowBytes - 1; i >= spp; i--) tmp[i] -= tmp[i - spp];
            System.arraycopy(tmp, 0, data, base, rowBytes);
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(6);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) bos.write(buf, 0, d.deflate(buf));
        d.end();
        return bos.toByteArray();
    }

    record Field(int type, long count, byte[] bytes) {
    }

    private Field shorts(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(order);
        for (int x : v) b.putShort((short) x);
        return new Field(3, v.length, b.array());
    }

    private Field longs(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(order);
        for (long x : v) b.putInt((int) x);
        return new Field(4, v.length, b.array());
    }

    private Field doubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(order);
        for (double x : v) b.putDouble(x);
        return new Field(12, v.length, b.array());
    }

    private static Field ascii(String s) {
        byte[] a = (s + "\0").getBytes(StandardCharsets.UTF_8);
        return new Field(2, a.length, a);
    }

    private long[] writeIfd(Out out, Map<Integer, Field> fields) {
        out.align();
        long start = out.size();
        long extraAt = start + 2 + fields.size() * 12L + 4;
        out.putShort(fields.size());
        List<byte[]> deferred = new ArrayList<>();
        for (Map.Entry<Integer, Field> e : fields.entrySet()) {
            Field f = e.getValue();
            out.putShort(e.getKey());
            out.putShort(f.type());
            out.putInt((int) f.count());
            if (f.bytes().length <= 4) {
                out.put(Arrays.copyOf(f.bytes(), 4));
            } else {
                out.putInt((int) extraAt);
                deferred.add(f.bytes());
                extraAt += f.bytes().length + (f.bytes().length & 1);
            }
        }
        long next = out.size();
        out.putInt(0);
        for (byte[] d : deferred) {
            out.put(d);
            if ((d.length & 1) != 0) out.put(new byte[1]);
        }
        return new long[] {start, next};
    }

    private final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        long size() { return buf.size(); }

        void put(byte[] b) { buf.writeBytes(b); }

        void putShort(int v) { put(ByteBuffer.allocate(2).order(order).putShort((short) v).array()); }

        void putInt(int v) { put(ByteBuffer.allocate(4).order(order).putInt(v).array()); }

        void align() { if ((buf.size() & 1) != 0) buf.write(0); }

        private final List<long[]> patches = new ArrayList<>();

        void patchInt(long at, long value) { patches.add(new long[] {at, value}); }

        byte[] bytes() {
            byte[] b = buf.toByteArray();
            for (long[] p : patches) {
                byte[] v = ByteBuffer.allocate(4).order(order).putInt((int) p[1]).array();
                System.arraycopy(v, 0, b, (int) p[0], 4);
            }
            return b;
        }
    }
}
