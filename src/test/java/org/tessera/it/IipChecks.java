package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IIP assertions shared by the reference-server harness test and Tessera's tests, so the checks
 * themselves are proven against iipsrv.
 */
final class IipChecks {
    private IipChecks() {
    }

    /** OBJ response parsed into "Name" -> "value" (lines "Name:value"). */
    static Map<String, String> obj(String iipUrl, String image) {
        Http.Reply r = Http.get(iipUrl + "?FIF=" + image + "&OBJ=IIP,1.0&OBJ=Max-size&OBJ=Tile-size&OBJ=Resolution-number");
        assertEquals(200, r.status(), () -> "OBJ: " + r);
        assertTrue(r.contentType().startsWith("application/vnd.netfpx"), () -> "OBJ content type: " + r);
        Map<String, String> lines = new TreeMap<>();
        for (String line : r.text().split("\r?\n")) {
            int c = line.indexOf(':');
            if (c > 0) lines.put(line.substring(0, c), line.substring(c + 1));
        }
        return lines;
    }

    /** Max-size, Tile-size and Resolution-number agree with the levels stored in the file. */
    static void assertObjMatches(String iipUrl, String image, List<TestImages.StoredLevel> levels) {
        Map<String, String> o = obj(iipUrl, image);
        TestImages.StoredLevel full = levels.get(0);
        assertEquals(full.width() + " " + full.height(), o.get("Max-size"), () -> "OBJ lines " + o);
        assertEquals(full.tileWidth() + " " + full.tileHeight(), o.get("Tile-size"), () -> "OBJ lines " + o);
        assertEquals(Integer.toString(levels.size()), o.get("Resolution-number"), () -> "OBJ lines " + o);
    }

    /**
     * Every JTL tile of every resolution: 200, image/jpeg, decodes to the cropped edge size, shows
     * the pattern at the right place (levels where squares are big enough). Returns tiles checked.
     */
    static int assertAllJtlTiles(String iipUrl, String image, List<TestImages.StoredLevel> levels) {
        int n = levels.size();
        int tiles = 0;
        int colourChecked = 0;
        TestImages.StoredLevel full = levels.get(0);
        for (int r = 0; r < n; r++) {
            TestImages.StoredLevel lv = levels.get(n - 1 - r);
            double scaleX = (double) full.width() / lv.width();
            double scaleY = (double) full.height() / lv.height();
            for (int row = 0; row < lv.rows(); row++) {
                for (int col = 0; col < lv.columns(); col++) {
                    int t = row * lv.columns() + col;
                    String url = iipUrl + "?FIF=" + image + "&JTL=" + r + "," + t;
                    Http.Reply reply = Http.get(url);
                    assertEquals(200, reply.status(), () -> url + " -> " + reply);
                    assertEquals("image/jpeg", reply.contentType(), () -> url + " -> " + reply);
                    BufferedImage img = TestImages.decode(reply.body());
                    int w = Math.min(lv.tileWidth(), lv.width() - col * lv.tileWidth());
                    int h = Math.min(lv.tileHeight(), lv.height() - row * lv.tileHeight());
                    assertEquals(w + "x" + h, img.getWidth() + "x" + img.getHeight(), () -> "size of " + url);
                    colourChecked += TestImages.checkPattern(img, col * lv.tileWidth() * scaleX, row * lv.tileHeight() * scaleY,
                            w * scaleX, h * scaleY, url);
                    tiles++;
                }
            }
        }
        assertTrue(colourChecked > 100, "too few pattern points checked: " + colourChecked);
        return tiles;
    }

    /** CVT with WID=1000: a JPEG of the whole image, 1000 px wide, aspect kept, showing the pattern. */
    static void assertCvtWidth(String iipUrl, String image, int width, int height) {
        Http.Reply r = Http.get(iipUrl + "?FIF=" + image + "&WID=1000&CVT=jpeg");
        assertEquals(200, r.status(), r::toString);
        assertEquals("image/jpeg", r.contentType(), r::toString);
        BufferedImage img = TestImages.decode(r.body());
        assertEquals(1000, img.getWidth());
        int h = (int) Math.round(1000.0 * height / width);
        assertTrue(Math.abs(img.getHeight() - h) <= 1, "height " + img.getHeight() + ", expected about " + h);
        assertTrue(TestImages.checkPattern(img, 0, 0, width, height, "CVT WID=1000") > 100);
    }

    /** CVT of the central region (RGN=0.25,0.25,0.5,0.5) at WID=300. */
    static void assertCvtRegion(String iipUrl, String image, int width, int height) {
        Http.Reply r = Http.get(iipUrl + "?FIF=" + image + "&RGN=0.25,0.25,0.5,0.5&WID=300&CVT=jpeg");
        assertEquals(200, r.status(), r::toString);
        BufferedImage img = TestImages.decode(r.body());
        assertEquals(300, img.getWidth());
        int h = (int) Math.round(300.0 * height / width);
        assertTrue(Math.abs(img.getHeight() - h) <= 1, "height " + img.getHeight() + ", expected about " + h);
        assertTrue(TestImages.checkPattern(img, width / 4.0, height / 4.0, width / 2.0, height / 2.0, "CVT RGN") > 50);
    }

    private static final java.time.format.DateTimeFormatter HTTP_DATE = java.time.format.DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);

    /** Last-Modified = the file's mtime; If-Modified-Since equal to it gives 304, an older one 200. */
    static void assertLastModifiedAnd304(String url, java.nio.file.Path file) throws java.io.IOException {
        java.time.Instant mtime = java.nio.file.Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Http.Reply r = Http.get(url);
        assertEquals(200, r.status(), r::toString);
        assertEquals(HTTP_DATE.format(mtime), r.header("last-modified").orElse(null), r::toString);
        assertTrue(r.header("cache-control").isPresent(), r::toString);
        Http.Reply same = Http.get(url, Map.of("If-Modified-Since", HTTP_DATE.format(mtime)));
        assertEquals(304, same.status(), same::toString);
        assertEquals(0, same.body().length);
        Http.Reply older = Http.get(url, Map.of("If-Modified-Since", HTTP_DATE.format(mtime.minusSeconds(86_400))));
        assertEquals(200, older.status(), older::toString);
        assertTrue(older.body().length > 0);
    }

    /** CORS=* gives Access-Control-Allow-Origin: * and the allowed methods. */
    static void assertCors(String url) {
        Http.Reply r = Http.get(url);
        assertEquals(200, r.status(), r::toString);
        assertEquals("*", r.header("access-control-allow-origin").orElse(null), r::toString);
        assertTrue(r.header("access-control-allow-methods").orElse("").contains("GET"), r::toString);
    }

    /** HEAD: status, type, length and Last-Modified of GET, no body. */
    static void assertHead(String url) {
        Http.Reply get = Http.get(url);
        Http.Reply head = Http.head(url);
        assertEquals(200, head.status(), head::toString);
        assertEquals("image/jpeg", head.contentType(), head::toString);
        assertEquals(0, head.body().length);
        assertEquals(Integer.toString(get.body().length), head.header("content-length").orElse(null), head::toString);
        assertEquals(get.header("last-modified"), head.header("last-modified"));
    }
}
