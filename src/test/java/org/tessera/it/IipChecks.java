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
}
