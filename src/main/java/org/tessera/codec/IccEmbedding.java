package org.tessera.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.tessera.request.OutputFormat;

/**
 * Adds an ICC profile to an already encoded image, the way each format carries one: JPEG APP2
 * {@code ICC_PROFILE} segments (after any JFIF marker), a PNG {@code iCCP} chunk after IHDR, a
 * WebP {@code ICCP} chunk (extended format, VP8X flag set), a TIFF ICCProfile tag (34675). Works
 * on the bytes any encoder produced, so pass-through tiles get their profile too without being
 * decoded. Stateless.
 */
public final class IccEmbedding {
    private static final byte[] JPEG_ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int JPEG_CHUNK = 65519; // 65535 - 2 (length) - 12 (id) - 2 (sequence, count)

    private IccEmbedding() {
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
            case WEBP -> webp(encoded, icc, width, height);
            case TIFF -> tiff(encoded, icc);
        };
    }

    static byte[] jpeg(byte[] jpeg, byte[] icc) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) return jpeg;
        int at = 2;
        // keep a JFIF (APP0) segment first, as JFIF requires
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == 0xE0) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        if (at > jpeg.length) return jpeg;
        int chunks = (icc.length + JPEG_CHUNK - 1) / JPEG_CHUNK;
        if (chunks > 255) return jpeg;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + icc.length + chunks * 18);
        out.write(jpeg, 0, at);
        for (int i = 0; i < chunks; i++) {
            int off = i * JPEG_CHUNK, len = Math.min(JPEG_CHUNK, icc.length - off);
            int segment = 2 + JPEG_ICC_ID.length + 2 + len;
            out.write(0xFF);
            out.write(0xE2);
            out.write(segment >> 8);
            out.write(segment);
            out.writeBytes(JPEG_ICC_ID);
            out.write(i + 1);
            out.write(chunks);
            out.write(icc, off, len);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    static byte[] png(byte[] png, byte[] icc) {
        int ihdrEnd = 8 + 8 + 13 + 4;
        if (png.length < ihdrEnd || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') return png;
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
        byte[] chunk = data.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + chunk.length + 12);
        out.write(png, 0, ihdrEnd);
        ByteBuffer head = ByteBuffer.allocate(8).putInt(chunk.length).put("iCCP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(head.array());
        out.writeBytes(chunk);
        CRC32 crc = new CRC32();
        crc.update(head.array(), 4, 4);
        crc.update(chunk);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    static byte[] webp(byte[] webp, byte[] icc, int width, int height) {
        if (webp.length < 20 || !tag(webp, 0, "RIFF") || !tag(webp, 8, "WEBP")) return webp;
        ByteBuffer le = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream body = new ByteArrayOutputStream(webp.length + icc.length + 32);
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        if (tag(webp, 12, "VP8X")) {
            int vp8xLen = le.getInt(16);
            byte[] vp8x = java.util.Arrays.copyOfRange(webp, 12, 12 + 8 + vp8xLen);
            vp8x[8] |= 0x20; // ICC flag
            body.writeBytes(vp8x);
            chunk(body, "ICCP", icc);
            body.write(webp, 12 + 8 + vp8xLen, webp.length - (12 + 8 + vp8xLen));
        } else {
            byte[] vp8x = new byte[10];
            vp8x[0] = 0x20;
            int w = width - 1, h = height - 1;
            vp8x[4] = (byte) w;
            vp8x[5] = (byte) (w >> 8);
            vp8x[6] = (byte) (w >> 16);
            vp8x[7] = (byte) h;
            vp8x[8] = (byte) (h >> 8);
            vp8x[9] = (byte) (h >> 16);
            if (tag(webp, 12, "VP8L") && webp.length > 24 && (webp[24] & 0x10) != 0) vp8x[0] |= 0x10; // alpha_is_used
            chunk(body, "VP8X", vp8x);
            chunk(body, "ICCP", icc);
            body.write(webp, 12, webp.length - 12);
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
    static byte[] tiff(byte[] tiff, byte[] icc) {
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
            if ((ByteBuffer.wrap(e).order(order).getShort(0) & 0xFFFF) == 34675) continue; // replaced
            entries.add(e);
        }
        long next = in.getInt((int) ifd + 2 + 12 * n) & 0xFFFFFFFFL;
        int base = tiff.length + (tiff.length & 1);
        int iccAt = base;
        int newIfd = iccAt + icc.length + (icc.length & 1);
        ByteBuffer iccEntry = ByteBuffer.allocate(12).order(order);
        iccEntry.putShort((short) 34675).putShort((short) 7).putInt(icc.length).putInt(iccAt);
        int pos = 0;
        while (pos < entries.size() && (ByteBuffer.wrap(entries.get(pos)).order(order).getShort(0) & 0xFFFF) < 34675) pos++;
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
