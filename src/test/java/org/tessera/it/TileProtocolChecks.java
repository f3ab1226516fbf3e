package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DeepZoom and Zoomify checks (iipsrv-behaviour.md sections 10 and 11), shared by the reference
 * harness and Tessera's tests: descriptors, then every tile of every level at the size the
 * stored pyramid level gives, with the pattern at the right place.
 */
final class TileProtocolChecks {
    private TileProtocolChecks() {
    }

    static String attribute(String xml, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(xml);
        if (!m.find()) throw new AssertionError("no " + name + " in " + xml);
        return m.group(1);
    }

    static void assertDzi(String iipUrl, String image, List<TestImages.StoredLevel> levels) {
        Http.Reply r = Http.get(iipUrl + "?DeepZoom=" + image + ".dzi");
        assertEquals(200, r.status(), r::toString);
        TestImages.StoredLevel full = levels.get(0);
        assertEquals(Integer.toString(full.tileWidth()), attribute(r.text(), "TileSize"), r::toString);
        assertEquals("0", attribute(r.text(), "Overlap"), r::toString);
        assertEquals(Integer.toString(full.width()), attribute(r.text(), "Width"), r::toString);
        assertEquals(Integer.toString(full.height()), attribute(r.text(), "Height"), r::toString);
    }

    /** Every DeepZoom tile of every stored level: L = ceil(log2(max(W,H))) - halvings. */
    static int assertAllDeepZoomTiles(String iipUrl, String image, List<TestImages.StoredLevel> levels) {
        TestImages.StoredLevel full = levels.get(0);
        int top = (int) Math.ceil(Math.log(Math.max(full.width(), full.height())) / Math.log(2));
        int tiles = 0;
        for (int k = 0; k < levels.size(); k++) {
            TestImages.StoredLevel lv = levels.get(k);
            for (int y = 0; y < lv.rows(); y++) {
                for (int x = 0; x < lv.columns(); x++) {
                    assertTile(iipUrl + "?DeepZoom=" + image + "_files/" + (top - k) + "/" + x + "_" + y + ".jpg", full, lv, x, y);
                    tiles++;
                }
            }
        }
        return tiles;
    }

    /** {@code checkNumTiles}: NUMTILES as iipsrv 1.3 computes it (iipsrv 1.1 counted the full level only). */
    static void assertZoomifyProperties(String iipUrl, String image, List<TestImages.StoredLevel> levels, boolean checkNumTiles) {
        Http.Reply r = Http.get(iipUrl + "?Zoomify=" + image + "/ImageProperties.xml");
        assertEquals(200, r.status(), r::toString);
        TestImages.StoredLevel full = levels.get(0);
        int tw = full.tileWidth();
        int numTiles = 1;
        for (TestImages.StoredLevel lv : levels) {
            if (!(lv.width() < tw && lv.height() < tw)) numTiles += lv.columns() * lv.rows();
        }
        assertEquals(Integer.toString(full.width()), attribute(r.text(), "WIDTH"), r::toString);
        assertEquals(Integer.toString(full.height()), attribute(r.text(), "HEIGHT"), r::toString);
        if (checkNumTiles) assertEquals(Integer.toString(numTiles), attribute(r.text(), "NUMTILES"), r::toString);
        assertEquals(Integer.toString(tw), attribute(r.text(), "TILESIZE"), r::toString);
    }

    /** Every Zoomify tile: level z = resolution - discard (levels that fit one tile, all but one). */
    static int assertAllZoomifyTiles(String iipUrl, String image, List<TestImages.StoredLevel> levels) {
        TestImages.StoredLevel full = levels.get(0);
        int tw = full.tileWidth();
        int fitting = 0;
        for (TestImages.StoredLevel lv : levels) {
            if (lv.width() < tw && lv.height() < tw) fitting++;
        }
        int discard = fitting > 0 ? fitting - 1 : 0;
        int n = levels.size();
        int tiles = 0;
        for (int r = discard; r < n; r++) {
            TestImages.StoredLevel lv = levels.get(n - 1 - r);
            for (int y = 0; y < lv.rows(); y++) {
                for (int x = 0; x < lv.columns(); x++) {
                    // any TileGroup number works (iipsrv ignores it); send the one clients compute
                    assertTile(iipUrl + "?Zoomify=" + image + "/TileGroup0/" + (r - discard) + "-" + x + "-" + y + ".jpg", full, lv, x, y);
                    tiles++;
                }
            }
        }
        return tiles;
    }

    private static void assertTile(String url, TestImages.StoredLevel full, TestImages.StoredLevel lv, int x, int y) {
        Http.Reply r = Http.get(url);
        assertEquals(200, r.status(), () -> url + " -> " + r);
        assertEquals("image/jpeg", r.contentType(), () -> url + " -> " + r);
        BufferedImage img = TestImages.decode(r.body());
        int w = Math.min(lv.tileWidth(), lv.width() - x * lv.tileWidth());
        int h = Math.min(lv.tileHeight(), lv.height() - y * lv.tileHeight());
        assertEquals(w + "x" + h, img.getWidth() + "x" + img.getHeight(), () -> "size of " + url);
        double sx = (double) full.width() / lv.width();
        double sy = (double) full.height() / lv.height();
        TestImages.checkPattern(img, x * lv.tileWidth() * sx, y * lv.tileHeight() * sy, w * sx, h * sy, url);
    }
}
