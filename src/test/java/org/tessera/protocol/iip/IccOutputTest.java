package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.codec.Webp;
import org.tessera.http.HttpResponse;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.SampleTiff;

/** The source's ICC profile reaches JPEG, PNG, WebP and TIFF output, read back by independent readers. */
class IccOutputTest {
    /** Any real profile will do; the JDK's own sRGB would be recognised and replaced by readers. */
    static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();

    static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/tiff\"/></rdf:RDF></x:xmpmeta>";

    @TempDir
    Path dir;

    private IipFixture fixture(Map<String, String> env) throws IOException {
        IipFixture f = new IipFixture(env);
        SampleTiff t = new SampleTiff().size(70, 50).tile(32, 32).channels(3).photometric(2).iccProfile(SRGB).xmp(XMP)
                .samples((p, x, y, c) -> (x * 3 + y * (c + 1)) % 256);
        f.images.put("icc.tif", new org.tessera.testing.KeptOpenSource(TiffImageSource.open(t.write(dir.resolve("icc.tif")), new ImageIoJpegDecoder())));
        return f;
    }

    private static ImageReader reader(byte[] data, String format, ImageInputStream in) {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun") || !it.hasNext()) {
                r.setInput(in);
                return r;
            }
        }
        throw new IllegalStateException("no reader for " + format);
    }

    /** The APP2 ICC_PROFILE segments joined in sequence order; the JPEG must still decode. */
    static byte[] jpegProfile(byte[] jpeg) throws IOException {
        assertNotNull(ImageIO.read(new ByteArrayInputStream(jpeg)), "a valid JPEG");
        java.io.ByteArrayOutputStream icc = new java.io.ByteArrayOutputStream();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF, len = (jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF);
            if (marker == 0xDA) break;
            if (marker == 0xE2 && new String(jpeg, at + 4, 11, java.nio.charset.StandardCharsets.US_ASCII).equals("ICC_PROFILE")) {
                icc.write(jpeg, at + 4 + 14, len - 2 - 14);
            }
            at += 2 + len;
        }
        return icc.size() == 0 ? null : icc.toByteArray();
    }

    static byte[] pngProfile(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader r = reader(png, "png", in);
            r.read(0);
            IIOMetadata m = r.getImageMetadata(0);
            IIOMetadataNode root = (IIOMetadataNode) m.getAsTree("javax_imageio_png_1.0");
            var nodes = root.getElementsByTagName("iCCP");
            if (nodes.getLength() == 0) return null;
            // the JDK keeps the chunk's zlib stream
            java.util.zip.Inflater inf = new java.util.zip.Inflater();
            inf.setInput((byte[]) ((IIOMetadataNode) nodes.item(0)).getUserObject());
            byte[] out = new byte[1 << 20];
            try {
                int n = inf.inflate(out);
                return java.util.Arrays.copyOf(out, n);
            } catch (java.util.zip.DataFormatException e) {
                throw new IOException(e);
            } finally {
                inf.end();
            }
        }
    }

    static byte[] tiffProfile(byte[] tiff) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(tiff))) {
            ImageReader r = reader(tiff, "tiff", in);
            r.read(0);
            TIFFField f = TIFFDirectory.createFromMetadata(r.getImageMetadata(0)).getTIFFField(34675);
            return f == null ? null : f.getAsBytes();
        }
    }

    /** The ICCP chunk of a RIFF WebP, by walking its chunks. */
    static byte[] webpProfile(byte[] webp) {
        ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= webp.length; ) {
            String fourcc = new String(webp, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int len = b.getInt(at + 4);
            if (fourcc.equals("ICCP")) return java.util.Arrays.copyOfRange(webp, at + 8, at + 8 + len);
            at += 8 + len + (len & 1);
        }
        return null;
    }

    @Test
    void profileReachesEveryFormatForTilesAndRegions() throws IOException {
        IipFixture f = fixture(Map.of());
        assertArrayEquals(SRGB, jpegProfile(body(f, "FIF=icc.tif&JTL=0,0")));
        assertArrayEquals(SRGB, jpegProfile(body(f, "FIF=icc.tif&WID=40&CVT=jpeg")));
        assertArrayEquals(SRGB, pngProfile(body(f, "FIF=icc.tif&PTL=0,1")));
        assertArrayEquals(SRGB, pngProfile(body(f, "FIF=icc.tif&CVT=png")));
        assertArrayEquals(SRGB, tiffProfile(body(f, "FIF=icc.tif&TTL=0,0")));
        assertArrayEquals(SRGB, tiffProfile(body(f, "FIF=icc.tif&CVT=tiff")));
        Webp webp = Webp.load();
        if (webp != null) {
            byte[] w = body(f, "FIF=icc.tif&WTL=0,0");
            assertArrayEquals(SRGB, webpProfile(w));
            assertEquals(32, webp.decode(w).width(), "still a valid WebP");
        } else if ("true".equals(System.getenv("CI"))) {
            fail("libwebp missing under CI");
        }
    }

    @Test
    void webpWithAlphaKeepsItsAlphaAndGetsTheProfile() throws IOException {
        Webp webp = Webp.load();
        if (webp == null) {
            assertNotEquals("true", System.getenv("CI"), "libwebp missing under CI");
            return;
        }
        IipFixture f = new IipFixture(Map.of());
        SampleTiff t = new SampleTiff().size(40, 30).tile(32, 32).channels(4).photometric(2).shortTag(338, 2).iccProfile(SRGB)
                .samples((p, x, y, c) -> c == 3 ? (x < 20 ? 255 : 0) : 100);
        f.images.put("rgba.tif", new org.tessera.testing.KeptOpenSource(TiffImageSource.open(t.write(dir.resolve("rgba.tif")), new ImageIoJpegDecoder())));
        byte[] w = body(f, "FIF=rgba.tif&WID=40&QLT=100&CVT=webp");
        assertArrayEquals(SRGB, webpProfile(w));
        var decoded = webp.decode(w);
        assertEquals(4, decoded.channels());
        assertEquals(255, decoded.sample(5, 5, 3));
        assertEquals(0, decoded.sample(35, 5, 3));
    }

    @Test
    void noProfileWhenColoursAreReplacedOrTooLargeOrDisabled() throws IOException {
        IipFixture f = fixture(Map.of());
        assertNull(pngProfile(body(f, "FIF=icc.tif&CMP=jet&CVT=png")));
        assertNull(pngProfile(body(f, "FIF=icc.tif&COL=grey&CVT=png")));
        assertNotNull(pngProfile(body(f, "FIF=icc.tif&INV=1&CVT=png")), "inversion keeps the colour space");
        assertNull(pngProfile(body(fixture(Map.of("MAX_ICC", "0")), "FIF=icc.tif&CVT=png")));
        assertNull(pngProfile(body(fixture(Map.of("MAX_ICC", String.valueOf(SRGB.length))), "FIF=icc.tif&CVT=png")),
                "embedded only when strictly smaller than MAX_ICC");
        assertArrayEquals(SRGB, pngProfile(body(fixture(Map.of("MAX_ICC", "-1")), "FIF=icc.tif&CVT=png")));
    }

    @Test
    void xmpGoesIntoRegionExportsOnlyAndOutThroughObj() throws IOException {
        IipFixture f = fixture(Map.of());
        for (String fmt : new String[] {"jpeg", "png", "webp", "tiff"}) {
            if (fmt.equals("webp") && Webp.load() == null) continue;
            byte[] region = body(f, "FIF=icc.tif&WID=35&CVT=" + fmt);
            assertTrue(contains(region, XMP), fmt + " region carries the XMP packet");
            int width = fmt.equals("webp") ? Webp.load().decode(region).width() : ImageIO.read(new ByteArrayInputStream(region)).getWidth();
            assertEquals(35, width, fmt + " still decodes");
        }
        assertArrayEquals(SRGB, tiffProfile(body(f, "FIF=icc.tif&CVT=tiff")), "the TIFF with both tags still reads");
        assertFalse(contains(body(f, "FIF=icc.tif&JTL=0,0"), XMP), "tiles carry no XMP (iipsrv)");
        HttpResponse obj = f.get("FIF=icc.tif&OBJ=xmp");
        assertEquals(200, obj.status());
        assertTrue(obj.bodyText().contains(XMP), obj.bodyText());
        assertEquals("application/xml", obj.header("Content-Type").orElse(""));
    }

    static boolean contains(byte[] hay, String needle) {
        return new String(hay, java.nio.charset.StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static byte[] body(IipFixture f, String q) {
        HttpResponse r = f.get(q);
        assertEquals(200, r.status(), () -> q + ": " + r.bodyText());
        return r.body();
    }
}
