package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.tessera.error.CorruptImageException;

/**
 * Reads the metadata boxes of a JP2/JPX file (ISO 15444-1 Annex I): capture and display
 * resolution, an ICC profile in a colour specification box, XMP in a UUID or XML box. Only box
 * headers and the small boxes wanted are read; every length is bounded before anything is
 * allocated, so a hostile file fails with a {@link CorruptImageException}.
 */
final class Jp2Boxes {
    static final int MAX_BOXES = 4096;
    static final int MAX_PAYLOAD = 4 << 20;
    private static final int JP2H = type("jp2h"), RES = type("res "), RESC = type("resc"), RESD = type("resd"),
            COLR = type("colr"), CDEF = type("cdef"), UUID = type("uuid"), XML = type("xml "), JP2C = type("jp2c");
    /** The UUID Adobe registered for XMP in JPEG 2000 files. */
    private static final byte[] XMP_UUID = {(byte) 0xBE, 0x7A, (byte) 0xCF, (byte) 0xCB, (byte) 0x97, (byte) 0xA9, 0x42,
            (byte) 0xE8, (byte) 0x9C, 0x71, (byte) 0x99, (byte) 0x94, (byte) 0x91, (byte) 0xE3, (byte) 0xAF, (byte) 0xAC};

    /** What the boxes say; dpi 0 when unknown. */
    record Metadata(double dpiX, double dpiY, Optional<byte[]> icc, Optional<String> xmp, boolean alpha) {
        static final Metadata NONE = new Metadata(0, 0, Optional.empty(), Optional.empty(), false);
    }

    private final FileChannel channel;
    private final long size;
    private int boxes;
    private double captureX, captureY, displayX, displayY;
    private byte[] icc;
    private String xmp;
    private boolean alpha;

    private Jp2Boxes(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    static Metadata read(FileChannel channel) throws IOException {
        Jp2Boxes b = new Jp2Boxes(channel);
        b.walk(0, b.size, true);
        double x = b.captureX > 0 ? b.captureX : b.displayX, y = b.captureY > 0 ? b.captureY : b.displayY;
        return new Metadata(x, y, Optional.ofNullable(b.icc), Optional.ofNullable(b.xmp), b.alpha);
    }

    private void walk(long start, long end, boolean top) throws IOException {
        long pos = start;
        while (pos + 8 <= end) {
            if (++boxes > MAX_BOXES) throw new CorruptImageException("too many JPEG 2000 boxes");
            ByteBuffer h = read(pos, 8);
            long length = h.getInt(0) & 0xFFFFFFFFL;
            int type = h.getInt(4);
            long header = 8;
            if (length == 1) {
                if (pos + 16 > end) throw new CorruptImageException("truncated JPEG 2000 box header");
                length = read(pos + 8, 8).getLong(0);
                header = 16;
            } else if (length == 0) {
                length = end - pos;
            }
            // metadata precedes the codestream in every file worth serving; a truncated
            // codestream is for the decoder to report, tile by tile
            if (type == JP2C && top) return;
            if (length < header || pos + length > end || length < 0) {
                throw new CorruptImageException("JPEG 2000 box at " + pos + " overruns its container");
            }
            long body = pos + header, bodyLength = length - header;
            if (type == JP2H || type == RES) {
                walk(body, body + bodyLength, false);
            } else if (type == RESC || type == RESD) {
                resolution(type, body, bodyLength);
            } else if (type == CDEF && bodyLength >= 2 && bodyLength <= 2 + 6 * 16384) {
                byte[] d = bytes(body, (int) bodyLength);
                int n = ((d[0] & 0xFF) << 8) | (d[1] & 0xFF);
                // each channel: index, type (1 opacity, 2 premultiplied opacity), association
                for (int i = 0; i < n && 2 + 6 * i + 6 <= d.length; i++) {
                    int typ = ((d[2 + 6 * i + 2] & 0xFF) << 8) | (d[2 + 6 * i + 3] & 0xFF);
                    if (typ == 1 || typ == 2) alpha = true;
                }
            } else if (type == COLR && icc == null && bodyLength > 3) {
                colour(body, bodyLength);
            } else if (type == UUID && xmp == null && bodyLength > 16 && bodyLength <= MAX_PAYLOAD) {
                byte[] data = bytes(body, (int) bodyLength);
                if (Arrays.equals(data, 0, 16, XMP_UUID, 0, 16)) xmp = text(data, 16);
            } else if (type == XML && xmp == null && bodyLength <= MAX_PAYLOAD) {
                String xml = text(bytes(body, (int) bodyLength), 0);
                if (xml.contains("xmpmeta") || xml.contains("rdf:RDF")) xmp = xml;
            }
            pos += length;
        }
    }

    private void resolution(int type, long body, long length) throws IOException {
        if (length < 10) throw new CorruptImageException("short JPEG 2000 resolution box");
        ByteBuffer b = read(body, 10);
        double vertical = perMetre(b.getShort(0) & 0xFFFF, b.getShort(2) & 0xFFFF, b.get(8));
        double horizontal = perMetre(b.getShort(4) & 0xFFFF, b.getShort(6) & 0xFFFF, b.get(9));
        double dpiX = horizontal * 0.0254, dpiY = vertical * 0.0254;
        if (type == RESC) {
            captureX = dpiX;
            captureY = dpiY;
        } else {
            displayX = dpiX;
            displayY = dpiY;
        }
    }

    /** Grid points per metre, N/D x 10^E; 0 when the box is degenerate. */
    private static double perMetre(int numerator, int denominator, byte exponent) {
        if (numerator == 0 || denominator == 0) return 0;
        return numerator / (double) denominator * Math.pow(10, exponent);
    }

    private void colour(long body, long length) throws IOException {
        ByteBuffer b = read(body, 3);
        int method = b.get(0);
        // method 2 restricted ICC, 3 any ICC (JPX); the profile fills the rest of the box
        if ((method == 2 || method == 3) && length - 3 <= MAX_PAYLOAD) icc = bytes(body + 3, (int) (length - 3));
    }

    private static String text(byte[] data, int from) {
        int end = data.length;
        while (end > from && data[end - 1] == 0) end--;
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }

    private ByteBuffer read(long position, int length) throws IOException {
        return ByteBuffer.wrap(bytes(position, length));
    }

    private byte[] bytes(long position, int length) throws IOException {
        if (position + length > size) throw new CorruptImageException("JPEG 2000 box beyond the end of the file");
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) throw new CorruptImageException("JPEG 2000 file truncated");
        }
        return buffer.array();
    }

    private static int type(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
