package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpResponse;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.image.TileAddress;
import org.tessera.testing.TestPattern;

class TileCommandTest {
    private final IipFixture f = new IipFixture(Map.of());

    private ImageRequest only(String query) {
        HttpResponse r = f.get(query);
        assertEquals(200, r.status(), r.bodyText());
        assertEquals(1, f.renderer.requests.size());
        return f.renderer.requests.get(0);
    }

    @Test
    void smallestResolutionIsOneTileCoveringTheImage() {
        ImageRequest r = only("FIF=a.tif&JTL=0,0");
        assertEquals(new Rect(0, 0, 4000, 3000), r.region());
        assertEquals(250, r.width());
        assertEquals(188, r.height());
        assertEquals(Optional.of(new TileAddress(4, 0, 0)), r.tile());
        assertEquals(OutputFormat.JPEG, r.format());
        assertEquals(-1, r.encoderQuality());
        assertEquals("a.tif", r.identifier());
    }

    @Test
    void fullResolutionTilesAreRowMajor() {
        ImageRequest r = only("FIF=a.tif&JTL=4,17");
        assertEquals(Optional.of(new TileAddress(0, 1, 1)), r.tile());
        assertEquals(new Rect(256, 256, 256, 256), r.region());
        assertEquals(256, r.width());
    }

    @Test
    void edgeTilesAreCropped() {
        ImageRequest right = only("FIF=a.tif&JTL=4,15");
        assertEquals(new Rect(3840, 0, 160, 256), right.region());
        assertEquals(160, right.width());
        f.renderer.requests.clear();
        ImageRequest last = only("FIF=a.tif&JTL=4,191");
        assertEquals(Optional.of(new TileAddress(0, 15, 11)), last.tile());
        assertEquals(new Rect(3840, 2816, 160, 184), last.region());
        assertEquals(184, last.height());
    }

    @Test
    void reducedLevelTilesMapToFullResolutionPixels() {
        ImageRequest r = only("FIF=a.tif&JTL=2,3");
        assertEquals(Optional.of(new TileAddress(2, 3, 0)), r.tile());
        assertEquals(new Rect(3072, 0, 928, 1024), r.region());
        assertEquals(232, r.width());
        assertEquals(256, r.height());
    }

    @Test
    void rotation180CountsTilesInTheRotatedGrid() {
        ImageRequest r = only("FIF=a.tif&ROT=180&JTL=4,0");
        assertEquals(Optional.of(new TileAddress(0, 15, 11)), r.tile());
        assertEquals(180.0, r.rotation().degrees());
        f.renderer.requests.clear();
        ImageRequest r90 = only("FIF=a.tif&ROT=90&JTL=4,0");
        assertEquals(Optional.of(new TileAddress(0, 0, 0)), r90.tile());
        assertEquals(90.0, r90.rotation().degrees());
        f.renderer.requests.clear();
        ImageRequest flip = only("FIF=a.tif&ROT=!180&JTL=4,0");
        assertEquals(Optional.of(new TileAddress(0, 0, 0)), flip.tile());
        assertTrue(flip.rotation().mirror());
    }

    @Test
    void tilePixelsComeFromTheRightPlace() throws IOException {
        HttpResponse r = f.get("FIF=a.tif&JTL=4,17");
        assertEquals("image/jpeg", r.header("Content-Type").orElseThrow());
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());
        assertTrue(r.header("Content-Disposition").isEmpty());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertEquals(256, img.getWidth());
        for (int[] p : new int[][] {{32, 32}, {96, 32}, {32, 160}, {224, 224}}) {
            int rgb = img.getRGB(p[0], p[1]);
            int[] got = {(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255};
            int[] want = TestPattern.rgb(256 + p[0], 256 + p[1]);
            assertTrue(TestPattern.close(want, got, 24), Arrays.toString(want) + " vs " + Arrays.toString(got));
        }
    }

    @Test
    void otherTileFormatsAndQuality() {
        assertEquals("image/png", f.get("FIF=a.tif&QLT=90&PTL=3,0").header("Content-Type").orElseThrow());
        assertEquals(9, f.renderer.requests.get(0).encoderQuality());
        assertEquals(OutputFormat.PNG, f.renderer.requests.get(0).format());
        assertEquals("image/tiff", f.get("FIF=a.tif&TTL=0,0").header("Content-Type").orElseThrow());
        f.get("FIF=a.tif&QLT=deflate:150&JTL=0,0");
        assertEquals(100, f.renderer.requests.get(2).encoderQuality());
        f.get("FIF=a.tif&COL=grey&jtl=0,0");
        assertEquals(Quality.GRAY, f.renderer.requests.get(3).quality());
        f.get("FIF=a.tif&JTLS=0,1,2,90");
        assertEquals(Optional.of(new TileAddress(3, 0, 1)), f.renderer.requests.get(4).tile());
    }

    @Test
    void badAddressesAreRefused() {
        // one policy for every protocol: a resolution, tile or page outside the image is 404, a malformed request 400
        HttpResponse outOfRange = f.get("FIF=a.tif&JTL=4,192");
        assertEquals(404, outOfRange.status());
        assertEquals("tile 192 does not exist\n", outOfRange.bodyText());
        assertEquals(404, f.get("FIF=a.tif&JTL=5,0").status());
        assertEquals(404, f.get("FIF=a.tif&JTL=-1,0").status());
        assertEquals(404, f.get("FIF=a.tif&JTL=0,-1").status());
        assertEquals(404, f.get("FIF=a.tif&SDS=1&JTL=0,0").status());
        assertEquals(400, f.get("FIF=a.tif&JTL=x,0").status());
        assertEquals(400, f.get("FIF=a.tif&JTL=1").status());
        assertTrue(f.renderer.requests.isEmpty());
    }

    @Test
    void onlyTheFirstOutputCommandAnswers() {
        HttpResponse r = f.get("FIF=a.tif&JTL=0,0&JTL=1,0&FOO=1");
        assertEquals(200, r.status());
        assertEquals(1, f.renderer.requests.size());
        assertEquals(Optional.of(new TileAddress(4, 0, 0)), f.renderer.requests.get(0).tile());
    }

    @Test
    void tilMultipartFraming() {
        HttpResponse r = f.get("FIF=a.tif&TIL=1,0-1");
        assertEquals(200, r.status());
        assertEquals("application/vnd.netfpx", r.header("Content-Type").orElseThrow());
        assertEquals(2, f.renderer.requests.size());
        byte[] b = r.body();
        int len0 = f.renderer.requests.get(0).width() > 0 ? firstTileLength(b) : -1;
        String head = "Tile,1,0,0/" + (len0 + 8) + ":";
        assertEquals(head, new String(b, 0, head.length(), StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0x11, 0, 0, (byte) 0xFF, (byte) 0xD8},
                Arrays.copyOfRange(b, head.length(), head.length() + 10));
        int second = head.length() + 8 + len0;
        assertEquals("\r\nTile,1,1,0/", new String(b, second, 13, StandardCharsets.US_ASCII));
        assertEquals(new Rect(2048, 0, 1952, 2048), f.renderer.requests.get(1).region());
    }

    @Test
    void tilRefusesMoreTilesThanItsCapBeforeRenderingAny() {
        f.images.add("huge.tif", org.tessera.testing.MemoryImages.pyramid(100_000, 100_000, 256, 10, Map.of()));
        HttpResponse r = f.get("FIF=huge.tif&TIL=9,0-99999");
        assertEquals(400, r.status());
        // a level 391 tiles across: tile 99999 is column 294 of row 255, so the rectangle is 295 x 256
        assertEquals(294, 99_999 % 391);
        assertEquals("TIL: " + 295 * 256 + " tiles requested, at most 256 per request\n", r.bodyText());
        assertTrue(f.renderer.requests.isEmpty());
        f.renderer.requests.clear();
        HttpResponse atCap = f.get("FIF=huge.tif&TIL=9,0-255");
        assertEquals(200, atCap.status(), atCap.bodyText());
        assertEquals(256, f.renderer.requests.size());
    }

    private static int firstTileLength(byte[] b) {
        String s = new String(b, 0, 32, StandardCharsets.US_ASCII);
        return Integer.parseInt(s.substring(s.indexOf('/') + 1, s.indexOf(':'))) - 8;
    }
}
