package org.tessera.server;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.codec.TurboJpeg;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.image.PixelImage;
import org.tessera.source.jp2.Jp2Fixtures;
import org.tessera.testing.TestPattern;

/**
 * JPEG 2000 and plain JPEG files through the whole engine (repository, service, pipeline,
 * protocols), no transport: tiles and regions are checked pixel by pixel against the pictures
 * the files were made from.
 */
class InputFormatsStackTest {
    @TempDir
    static Path images;
    static Tessera tessera;
    static PixelImage picture;
    static PixelImage pattern;

    @BeforeAll
    static void setUp() throws IOException {
        picture = Jp2Fixtures.picture(1000, 700, 3);
        Path ppm = Jp2Fixtures.writePnm(picture, images.resolve("src.ppm"));
        Jp2Fixtures.opjCompress(ppm, images.resolve("tiled.jp2"), "-t", "512,512", "-n", "4");
        Jp2Fixtures.opjCompress(ppm, images.resolve("single.j2k"), "-n", "5", "-c", "[256,256],[128,128]");
        byte[] jp2 = Files.readAllBytes(images.resolve("tiled.jp2"));
        Files.write(images.resolve("truncated.jp2"), java.util.Arrays.copyOf(jp2, jp2.length / 2));
        pattern = TestPattern.image(2000, 1200, 3);
        try (TurboJpeg turbo = TurboJpeg.load()) {
            Files.write(images.resolve("photo.jpg"), turbo.compress(pattern, 95));
        }
        tessera = Tessera.create(EnvConfig.parse(Map.of("FILESYSTEM_PREFIX", images + "/", "URI_MAP", "iiif=>IIIF")));
    }

    private static HttpResponse get(String uri) {
        return tessera.handler().handle(HttpRequest.get(uri, Map.of("host", "localhost")));
    }

    private static PixelImage png(HttpResponse r) throws IOException {
        assertEquals(200, r.status(), r::bodyText);
        assertEquals("image/png", r.header("Content-Type").orElseThrow());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        byte[] px = new byte[img.getWidth() * img.getHeight() * 3];
        for (int y = 0, i = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                px[i++] = (byte) (rgb >> 16);
                px[i++] = (byte) (rgb >> 8);
                px[i++] = (byte) rgb;
            }
        }
        return new PixelImage(img.getWidth(), img.getHeight(), 3, px);
    }

    @Test
    void jp2InfoJsonAndTilesAsOpenSeadragonAsksForThem() throws IOException {
        for (String name : new String[] {"tiled.jp2", "single.j2k"}) {
            HttpResponse info = get("/iiif/" + name + "/info.json");
            assertEquals(200, info.status(), info::bodyText);
            assertTrue(info.bodyText().matches("(?s).*\"width\" *: *1000,.*\"height\" *: *700,.*"), info.bodyText());
            // full-resolution tiles, lossless PNG: exactly the picture
            for (String region : new String[] {"0,0,256,256", "256,512,256,188", "768,256,232,256"}) {
                String[] p = region.split(",");
                int x = Integer.parseInt(p[0]), y = Integer.parseInt(p[1]), w = Integer.parseInt(p[2]), h = Integer.parseInt(p[3]);
                PixelImage tile = png(get("/iiif/" + name + "/" + region + "/" + w + "," + h + "/0/default.png"));
                assertEquals(0, Jp2Fixtures.maxDifference(picture.crop(new org.tessera.image.Rect(x, y, w, h)), tile), name + " " + region);
            }
        }
        // a region across several tiles, at a quarter of the size: the 1/4 level, not a full decode
        PixelImage quarter = png(get("/iiif/tiled.jp2/0,0,1000,700/250,/0/default.png"));
        assertEquals(250, quarter.width());
        assertEquals(175, quarter.height());
        PixelImage reference = Jp2Fixtures.opjDecompress(images.resolve("tiled.jp2"), images, 2, 0);
        assertEquals(0, Jp2Fixtures.maxDifference(reference, quarter));
        // a full-resolution region over many tiles: one OpenJPEG decode of exactly that area
        PixelImage region = png(get("/iiif/tiled.jp2/100,90,800,520/800,/0/default.png"));
        assertEquals(0, Jp2Fixtures.maxDifference(picture.crop(new org.tessera.image.Rect(100, 90, 800, 520)), region));
        // IIP: smallest resolution tile and the OBJ answers
        HttpResponse jtl = get("/fcgi-bin/iipsrv.fcgi?FIF=tiled.jp2&JTL=0,0");
        assertEquals(200, jtl.status());
        assertEquals("image/jpeg", jtl.header("Content-Type").orElseThrow());
        HttpResponse obj = get("/fcgi-bin/iipsrv.fcgi?FIF=tiled.jp2&OBJ=Max-size&OBJ=Resolution-number");
        assertTrue(obj.bodyText().contains("Max-size:1000 700"), obj.bodyText());
        assertTrue(obj.bodyText().contains("Resolution-number:3"), obj.bodyText());
    }

    @Test
    void aTruncatedJp2FailsThatRequestOnly() throws IOException {
        HttpResponse tile = get("/iiif/truncated.jp2/512,512,256,188/256,/0/default.png");
        assertTrue(tile.status() >= 400, "status " + tile.status());
        assertFalse(tile.bodyText().contains("Exception"));
        // the same engine goes on serving good files
        png(get("/iiif/tiled.jp2/0,0,256,256/256,256/0/default.png"));
    }

    @Test
    void plainJpegThumbnailsAndRegions() throws IOException {
        PixelImage thumb = png(get("/iiif/photo.jpg/full/!200,200/0/default.png"));
        assertEquals(200, thumb.width());
        assertEquals(120, thumb.height());
        int[] want = TestPattern.rgb(32 * 10, 32 * 10);
        for (int c = 0; c < 3; c++) assertEquals(want[c], thumb.sample(32, 32, c), 16);
        PixelImage tile = png(get("/iiif/photo.jpg/512,256,256,256/256,/0/default.png"));
        for (int y = 32; y < 256; y += 64) {
            for (int x = 32; x < 256; x += 64) {
                int[] w = TestPattern.rgb(512 + x, 256 + y);
                for (int c = 0; c < 3; c++) assertEquals(w[c], tile.sample(x, y, c), 8, "at " + x + "," + y);
            }
        }
        HttpResponse info = get("/iiif/photo.jpg/info.json");
        assertEquals(200, info.status());
    }
}
