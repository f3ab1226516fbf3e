package org.tessera.source.jp2;

import static org.junit.jupiter.api.Assertions.*;
import static org.tessera.source.jp2.Jp2Fixtures.*;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.error.CorruptImageException;
import org.tessera.image.PixelImage;

/**
 * Resolution, ICC and XMP boxes reach ImageInfo: opj_compress writes none of them, so the test
 * rebuilds its file with a capture-resolution box and an ICC colour specification inside the
 * header box and an XMP UUID box after it, then checks the picture still decodes.
 */
class Jp2MetadataTest {
    @TempDir
    Path dir;

    record Box(String type, byte[] body) {
        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(8 + body.length);
            b.putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body);
            return b.array();
        }
    }

    static List<Box> boxes(byte[] data) {
        List<Box> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.remaining() >= 8) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            int bodyLength = length == 0 ? b.remaining() : length - 8;
            byte[] body = new byte[bodyLength];
            b.get(body);
            out.add(new Box(new String(type, StandardCharsets.US_ASCII), body));
        }
        return out;
    }

    static byte[] join(List<Box> boxes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Box box : boxes) out.writeBytes(box.bytes());
        return out.toByteArray();
    }

    /** 300 dpi horizontally, 150 vertically, as grid points per metre: N/D x 10^E. */
    static Box captureResolution() {
        ByteBuffer r = ByteBuffer.allocate(10);
        // vertical 150 dpi = 5905.5 per metre ~ 59055 / 1 x 10^-1; horizontal 300 dpi = 11811 per metre
        r.putShort((short) 59055).putShort((short) 1).putShort((short) 11811).putShort((short) 1).put((byte) -1).put((byte) 0);
        return new Box("res ", new Box("resc", r.array()).bytes());
    }

    @Test
    void resolutionIccAndXmpBoxesReachTheImageInfo() throws IOException {
        PixelImage rgb = picture(300, 200, 3);
        Path plain = opjCompress(writePnm(rgb, dir.resolve("m.ppm")), dir.resolve("plain.jp2"), "-n", "3");
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF/></x:xmpmeta>";
        List<Box> rebuilt = new ArrayList<>();
        for (Box top : boxes(Files.readAllBytes(plain))) {
            if (top.type().equals("jp2h")) {
                List<Box> children = new ArrayList<>();
                for (Box child : boxes(top.body())) {
                    if (child.type().equals("colr")) {
                        byte[] body = new byte[3 + icc.length];
                        body[0] = 2; // restricted ICC method
                        System.arraycopy(icc, 0, body, 3, icc.length);
                        children.add(new Box("colr", body));
                    } else {
                        children.add(child);
                    }
                }
                children.add(captureResolution());
                rebuilt.add(new Box("jp2h", join(children)));
                byte[] uuid = {(byte) 0xBE, 0x7A, (byte) 0xCF, (byte) 0xCB, (byte) 0x97, (byte) 0xA9, 0x42, (byte) 0xE8,
                        (byte) 0x9C, 0x71, (byte) 0x99, (byte) 0x94, (byte) 0x91, (byte) 0xE3, (byte) 0xAF, (byte) 0xAC};
                byte[] x = xmp.getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[16 + x.length];
                System.arraycopy(uuid, 0, body, 0, 16);
                System.arraycopy(x, 0, body, 16, x.length);
                rebuilt.add(new Box("uuid", body));
            } else {
                rebuilt.add(top);
            }
        }
        Path file = dir.resolve("meta.jp2");
        Files.write(file, join(rebuilt));
        try (Jp2ImageSource src = open(file, -1)) {
            assertEquals(300.0, src.info().dpiX(), 0.01);
            assertEquals(150.0, src.info().dpiY(), 0.01);
            assertEquals(xmp, src.info().metadata().get("xmp"));
            assertArrayEquals(icc, src.info().metadata().get("icc").getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(0, maxDifference(rgb.crop(src.info().levels().get(0).tileRect(0, 0)), src.readTile(0, 0, 0, 0)));
        }
        // a raw codestream has no boxes: no metadata, and no error
        Path raw = opjCompress(dir.resolve("m.ppm"), dir.resolve("m.j2k"), "-n", "2");
        try (Jp2ImageSource src = open(raw, -1)) {
            assertEquals(0, src.info().dpiX());
            assertTrue(src.info().metadata().isEmpty());
        }
    }

    @Test
    void aBoxLongerThanItsFileIsCorrupt() throws IOException {
        Path plain = opjCompress(writePnm(picture(64, 64, 1), dir.resolve("s.pgm")), dir.resolve("s.jp2"), "-n", "2");
        byte[] data = Files.readAllBytes(plain);
        // the file-type box (second box, at 12) claims more bytes than the file has
        ByteBuffer.wrap(data).putInt(12, data.length * 2);
        Path file = dir.resolve("long-box.jp2");
        Files.write(file, data);
        assertThrows(CorruptImageException.class, () -> open(file, -1).close());
    }
}
