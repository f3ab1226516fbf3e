package org.tessera.source.jpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import org.tessera.error.CorruptImageException;

/**
 * The markers of a JPEG file up to its first scan: frame size and components, the Adobe colour
 * transform, JFIF density, ICC profile chunks (APP2) and XMP (APP1). Segments are read with
 * positional reads, only the wanted ones in full, each bounded by the 16-bit segment length.
 */
record JpegHeader(int width, int height, int components, int precision, boolean progressive,
                  int adobeTransform, double dpiX, double dpiY, Optional<byte[]> icc, Optional<String> xmp) {
    static final int MAX_SEGMENTS = 1024;
    private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    /** CMYK or YCCK: four components, which libjpeg-turbo cannot turn into RGB. */
    boolean cmyk() { return components == 4; }

    static JpegHeader read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 4) throw new CorruptImageException("JPEG file too short");
        ByteBuffer soi = read(channel, 0, 2, size);
        if ((soi.get(0) & 0xFF) != 0xFF || (soi.get(1) & 0xFF) != 0xD8) throw new CorruptImageException("not a JPEG file");
        long pos = 2;
        int adobe = -1;
        double dpiX = 0, dpiY = 0;
        String xmp = null;
        TreeMap<Integer, byte[]> iccChunks = new TreeMap<>();
        for (int segments = 0; segments < MAX_SEGMENTS; segments++) {
            ByteBuffer m = read(channel, pos, 2, size);
            if ((m.get(0) & 0xFF) != 0xFF) throw new CorruptImageException("JPEG marker expected at " + pos);
            int marker = m.get(1) & 0xFF;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) throw new CorruptImageException("JPEG without a frame header");
            int length = read(channel, pos + 2, 2, size).getShort(0) & 0xFFFF;
            if (length < 2) throw new CorruptImageException("JPEG segment length " + length);
            long body = pos + 4;
            int bodyLength = length - 2;
            if (isFrame(marker)) {
                if (bodyLength < 6) throw new CorruptImageException("short JPEG frame header");
                ByteBuffer f = read(channel, body, 6, size);
                int precision = f.get(0) & 0xFF, height = f.getShort(1) & 0xFFFF, width = f.getShort(3) & 0xFFFF,
                        components = f.get(5) & 0xFF;
                if (width == 0 || height == 0) throw new CorruptImageException("JPEG frame of " + width + "x" + height);
                byte[] profile = iccChunks.isEmpty() ? null : concat(iccChunks);
                return new JpegHeader(width, height, components, precision, marker == 0xC2 || marker == 0xC6
                        || marker == 0xCA || marker == 0xCE, adobe, dpiX, dpiY, Optional.ofNullable(profile), Optional.ofNullable(xmp));
            }
            if (marker == 0xE0 && bodyLength >= 12) { // JFIF: identifier, version, units, densities
                ByteBuffer j = read(channel, body, 12, size);
                if (j.get(0) == 'J' && j.get(1) == 'F' && j.get(2) == 'I' && j.get(3) == 'F' && j.get(4) == 0) {
                    int units = j.get(7);
                    double x = j.getShort(8) & 0xFFFF, y = j.getShort(10) & 0xFFFF;
                    double toInch = units == 1 ? 1 : units == 2 ? 2.54 : 0;
                    dpiX = x * toInch;
                    dpiY = y * toInch;
                }
            } else if (marker == 0xE1 && xmp == null && bodyLength > XMP_ID.length) {
                byte[] b = bytes(channel, body, bodyLength, size);
                if (startsWith(b, XMP_ID)) xmp = new String(b, XMP_ID.length, b.length - XMP_ID.length, StandardCharsets.UTF_8);
            } else if (marker == 0xE2 && bodyLength > ICC_ID.length + 2) {
                byte[] b = bytes(channel, body, bodyLength, size);
                if (startsWith(b, ICC_ID)) {
                    int seq = b[ICC_ID.length] & 0xFF;
                    iccChunks.put(seq, java.util.Arrays.copyOfRange(b, ICC_ID.length + 2, b.length));
                }
            } else if (marker == 0xEE && bodyLength >= 12) { // Adobe: ..., transform flag last
                ByteBuffer a = read(channel, body, 12, size);
                if (a.get(0) == 'A' && a.get(1) == 'd' && a.get(2) == 'o' && a.get(3) == 'b' && a.get(4) == 'e') adobe = a.get(11) & 0xFF;
            }
            pos = body + bodyLength;
        }
        throw new CorruptImageException("too many JPEG segments before the frame header");
    }

    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && java.util.Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(TreeMap<Integer, byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length, long size) throws IOException {
        return ByteBuffer.wrap(bytes(channel, position, length, size));
    }

    private static byte[] bytes(FileChannel channel, long position, int length, long size) throws IOException {
        if (position + length > size) throw new CorruptImageException("JPEG file truncated in its headers");
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) throw new CorruptImageException("JPEG file truncated in its headers");
        }
        return b.array();
    }
}
