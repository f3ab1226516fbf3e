package org.tessera.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.tessera.format.OutputFormat;

/**
 * Adds an ICC profile (or an XMP packet) to an already encoded image, the way each format carries one: JPEG APP2
 * {@code ICC_PROFILE} segments (after any JFIF marker), a PNG {@code iCCP} chunk after IHDR, a
 * WebP {@code ICCP} chunk (extended format, VP8X flag set), a TIFF ICCProfile tag (34675). Works
 * on the bytes any encoder produced, so pass-through tiles get their profile too without being
 * decoded. Stateless.
 */
public final class MetadataEmbedding {
    private static final byte[] JPEG_ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int JPEG_CHUNK = 65519; // 65535 - 2 (length) - 12 (id) - 2 (sequence, count)

    private MetadataEmbedding() {
    }

    /**
     * @param width,height the image's size (WebP's extended header states it)
     * @return the encoded image with the profile, or {@code encoded} unchanged when the bytes are
     *         not what the format's encoder writes (nothing is risked on a surprise)
     */
    public static byte[] embed(OutputFormat format, byte[] encoded, byte[] icc, int width, int height) {
        if (icc.length == 0) return encoded;
        return switch (format) {
            case JPEG -> jpeg(encoded, icc);
            case PNG -> png(encoded, icc);
            case WEBP -> webp(encoded, "ICCP", 0x20, icc, width, height);
            case TIFF -> tiff(encoded, 34675, 7, icc);
            default -> encoded; // AVIF, JP2, GIF: not spliced (their colour boxes live inside the container structure)
        };
    }

    private static final byte[] JPEG_XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * Adds an XMP packet the same way (JPEG APP1 {@code http://ns.adobe.com/xap/1.0/}, PNG iTXt
     * {@code XML:com.adobe.xmp}, WebP {@code XMP } chunk, TIFF XMLPacket tag 700), as iipsrv
     * does for region exports. A packet too large for one JPEG segment is left out of JPEGs.
     */
    public static byte[] embedXmp(OutputFormat format, byte[] encoded, String xmp, int width, int height) {
        if (xmp.isEmpty()) return encoded;
        byte[] x = xmp.getBytes(StandardCharsets.UTF_8);
        return switch (format) {
            case JPEG -> {
                if (x.length + JPEG_XMP_ID.length + 2 > 65535) yield encoded;
                byte[] seg = new byte[JPEG_XMP_ID.length + x.length];
                System.arraycopy(JPEG_XMP_ID, 0, seg, 0, JPEG_XMP_ID.length);
                System.arraycopy(x, 0, seg, JPEG_XMP_ID.length, x.length);
                yield jpegSegments(encoded, 0xE1, List.of(seg));
            }
            case PNG -> {
                ByteArrayOutputStream d = new ByteArrayOutputStream();
                d.writeBytes("XML:com.adobe.xmp".getBytes(StandardCharsets.ISO_8859_1));
                d.writeBytes(new byte[] {0, 0, 0, 0, 0}); // terminator, uncompressed, method, empty language and translated keyword
                d.writeBytes(x);
                yield pngChunk(encoded, "iTXt", d.toByteArray());
            }
            case WEBP -> webp(encoded, "XMP ", 0x04, x, width, height);
            case TIFF -> tiff(encoded, 700, 1, x);
            default -> encoded;
        };
    }

    static byte[] jpeg(byte[] jpeg, byte[] icc) {
        int chunks = (icc.length + JPEG_CHUNK - 1) / JPEG_CHUNK;
        if (chunks > 255) return jpeg;
        List<byte[]> segments = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            int off = i * JPEG_CHUNK, len = Math.min(JPEG_CHUNK, icc.length - off);
            byte[] seg = new byte[JPEG_ICC_ID.length + 2 + len];
            System.arraycopy(JPEG_ICC_ID, 0, seg, 0, JPEG_ICC_ID.length);
            seg[JPEG_ICC_ID.length] = (byte) (i + 1);
            seg[JPEG_ICC_ID.length + 1] = (byte) chunks;
            System.arraycopy(icc, off, seg, JPEG_ICC_ID.length + 2, len);
            segments.add(seg);
        }
        return jpegSegments(jpeg, 0xE2, segments);
    }

    /** Inserts marker segments (payloads without marker and length) after SOI and any JFIF APP0. */
    static byte[] jpegSegments(byte[] jpeg, int marker, List<byte[]> payloads) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) return jpeg;
        int at = 2;
        // keep a JFIF (APP0) segment first, as JFIF requires
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == 0xE0) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        if (at > jpeg.length) return jpeg;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + payloads.size() * 65540);
        out.write(jpeg, 0, at);
        for (byte[] p : payloads) {
            int segment = 2 + p.length;
            out.write(0xFF);
            out.write(marker);
            out.write(segment >> 8);
            out.write(segment);
            out.writeBytes(p);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    static byte[] png(byte[] png, byte[] icc) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("ICC profile".getBytes(StandardCharsets.ISO_8859_1));
        data.write(0); // keyword terminator
        data.write(0); // compression method: zlib
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(icc);
        d.finish();
        byte[] buf = new byte[8192];
        while (!d.finished()) data.write(buf, 0, d.deflate(buf));
        d.end();
        return pngChunk(png, "iCCP", data.toByteArray());
    }

    /** Inserts a chunk right after IHDR. */
    static byte[] pngChunk(byte[] png, String type, byte[] chunk) {
        int ihdrEnd = 8 + 8 + 13 + 4;
        if (png.length < ihdrEnd || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') return png;
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + chunk.length + 12);
        out.write(png, 0, ihdrEnd);
        ByteBuffer head = ByteBuffer.allocate(8).putInt(chunk.length).put(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(head.array());
        out.writeBytes(chunk);
        CRC32 crc = new CRC32();
        crc.update(head.array(), 4, 4);
        crc.update(chunk);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    /**
     * Adds a chunk to a WebP in the extended format (VP8X written when missing, {@code flag} set):
     * ICCP right after VP8X, as the container requires; anything else at the end.
     */
    static byte[] webp(byte[] webp, String fourcc, int flag, byte[] payload, int width, int height) {
        boolean first = fourcc.equals("ICCP");
        if (webp.length < 20 || !tag(webp, 0, "RIFF") || !tag(webp, 8, "WEBP")) return webp;
        ByteBuffer le = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream body = new ByteArrayOutputStream(webp.length + payload.length + 32);
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        if (tag(webp, 12, "VP8X")) {
            int vp8xLen = le.getInt(16);
            byte[] vp8x = java.util.Arrays.copyOfRange(webp, 12, 12 + 8 + vp8xLen);
            vp8x[8] |= (byte) flag;
            body.writeBytes(vp8x);
            if (first) chunk(body, fourcc, payload);
            body.write(webp, 12 + 8 + vp8xLen, webp.length - (12 + 8 + vp8xLen));
            if (!first) chunk(body, fourcc, payload);
        } else {
            byte[] vp8x = new byte[10];
            vp8x[0] = (byte) flag;
            int w = width - 1, h = height - 1;
            vp8x[4] = (byte) w;
            vp8x[5] = (byte) (w >> 8);
            vp8x[6] = (byte) (w >> 16);
            vp8x[7] = (byte) h;
            vp8x[8] = (byte) (h >> 8);
            vp8x[9] = (byte) (h >> 16);
            if (tag(webp, 12, "VP8L") && webp.length > 24 && (webp[24] & 0x10) != 0) vp8x[0] |= 0x10; // alpha_is_used
            chunk(body, "VP8X", vp8x);
            if (first) chunk(body, fourcc, payload);
            body.write(webp, 12, webp.length - 12);
            if (!first) chunk(body, fourcc, payload);
        }
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + b.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.length).put(b);
        return out.array();
    }

    private static void chunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
        out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if ((data.length & 1) != 0) out.write(0);
    }

    private static boolean tag(byte[] b, int at, String fourcc) {
        for (int i = 0; i < 4; i++) if (b[at + i] != fourcc.charAt(i)) return false;
        return true;
    }

    /**
     * A classic TIFF's first IFD copied to the end with an ICCProfile entry added (entries stay
     * sorted; values stored elsewhere keep their offsets), the profile after it, and the header
     * pointed at the new IFD. The old IFD stays as unreferenced bytes.
     */
    static byte[] tiff(byte[] tiff, int tag, int type, byte[] icc) {
        if (tiff.length < 8) return tiff;
        ByteOrder order = tiff[0] == 'I' && tiff[1] == 'I' ? ByteOrder.LITTLE_ENDIAN
                : tiff[0] == 'M' && tiff[1] == 'M' ? ByteOrder.BIG_ENDIAN : null;
        if (order == null) return tiff;
        ByteBuffer in = ByteBuffer.wrap(tiff).order(order);
        if (in.getShort(2) != 42) return tiff;
        long ifd = in.getInt(4) & 0xFFFFFFFFL;
        if (ifd + 2 > tiff.length) return tiff;
        int n = in.getShort((int) ifd) & 0xFFFF;
        if (ifd + 2 + 12L * n + 4 > tiff.length) return tiff;
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] e = new byte[12];
            System.arraycopy(tiff, (int) ifd + 2 + 12 * i, e, 0, 12);
            if ((ByteBuffer.wrap(e).order(order).getShort(0) & 0xFFFF) == tag) continue; // replaced
            entries.add(e);
        }
        long next = in.getInt((int) ifd + 2 + 12 * n) & 0xFFFFFFFFL;
        int base = tiff.length + (tiff.length & 1);
        int iccAt = base;
        int newIfd = iccAt + icc.length + (icc.length & 1);
        ByteBuffer iccEntry = ByteBuffer.allocate(12).order(order);
        iccEntry.putShort((short) tag).putShort((short) type).putInt(icc.length).putInt(iccAt);
        int pos = 0;
        while (pos < entries.size() && (ByteBuffer.wrap(entries.get(pos)).order(order).getShort(0) & 0xFFFF) < tag) pos++;
        entries.add(pos, iccEntry.array());
        if ((long) newIfd + 2 + 12L * entries.size() + 4 > Integer.MAX_VALUE) return tiff;
        ByteBuffer out = ByteBuffer.allocate(newIfd + 2 + 12 * entries.size() + 4).order(order);
        out.put(tiff);
        out.position(iccAt);
        out.put(icc);
        out.position(newIfd);
        out.putShort((short) entries.size());
        for (byte[] e : entries) out.put(e);
        out.putInt((int) next);
        out.putInt(4, newIfd);
        return out.array();
    }
}
