package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tile URLs OpenSeadragon's IIIFTileSource requests for a whole image, computed from info.json
 * exactly as OpenSeadragon does (levels from the largest scale factor, ceil-rounded level sizes,
 * "full" for levels that fit in one tile, v3 "w,h" sizes and "max", v2 "w," sizes).
 */
final class OsdIiifTiles {
    /** One tile request and what must come back. */
    record TileRequest(String url, double regionX, double regionY, double regionW, double regionH,
                       int width, int height, boolean heightApproximate) {
    }

    private OsdIiifTiles() {
    }

    @SuppressWarnings("unchecked")
    static List<TileRequest> all(Map<String, Object> info, int version) {
        String id = (String) (version == 3 ? info.get("id") : info.get("@id"));
        int width = ((Number) info.get("width")).intValue();
        int height = ((Number) info.get("height")).intValue();
        Map<String, Object> tiles = (Map<String, Object>) ((List<Object>) info.get("tiles")).get(0);
        int tileW = ((Number) tiles.get("width")).intValue();
        int tileH = tiles.containsKey("height") ? ((Number) tiles.get("height")).intValue() : tileW;
        double maxFactor = 1;
        for (Object f : (List<Object>) tiles.get("scaleFactors")) maxFactor = Math.max(maxFactor, ((Number) f).doubleValue());
        int maxLevel = (int) Math.round(Math.log(maxFactor) / Math.log(2));

        List<TileRequest> out = new ArrayList<>();
        for (int level = 0; level <= maxLevel; level++) {
            double scale = Math.pow(0.5, maxLevel - level);
            int levelW = (int) Math.ceil(width * scale);
            int levelH = (int) Math.ceil(height * scale);
            int cols = (int) Math.ceil(scale * width / tileW);
            int rows = (int) Math.ceil(scale * height / tileH);
            if (levelW < tileW && levelH < tileH) {
                boolean max = version == 3 ? levelW == width && levelH == height : levelW == width;
                String size = max ? "max" : version == 3 ? levelW + "," + levelH : levelW + ",";
                out.add(new TileRequest(id + "/full/" + size + "/0/default.jpg", 0, 0, width, height, levelW, levelH, version != 3));
                continue;
            }
            int regionTileW = (int) Math.ceil(tileW / scale);
            int regionTileH = (int) Math.ceil(tileH / scale);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int rx = x * regionTileW;
                    int ry = y * regionTileH;
                    int rw = Math.min(regionTileW, width - rx);
                    int rh = Math.min(regionTileH, height - ry);
                    String region = x == 0 && y == 0 && rw == width && rh == height ? "full" : rx + "," + ry + "," + rw + "," + rh;
                    int sw = (int) Math.ceil(rw * scale);
                    int sh = (int) Math.ceil(rh * scale);
                    String size;
                    if (version == 3) {
                        size = sw == width && sh == height ? "max" : sw + "," + sh;
                    } else {
                        size = sw == width ? "max" : sw + ",";
                    }
                    out.add(new TileRequest(id + "/" + region + "/" + size + "/0/default.jpg", rx, ry, rw, rh, sw, sh, version != 3));
                }
            }
        }
        return out;
    }

    /** Requests each tile; each must be a JPEG of exactly the size OpenSeadragon expects, showing the pattern. */
    static void assertAll(List<TileRequest> requests, Map<String, String> headers, List<TestImages.StoredLevel> levels) {
        int expectedTiles = levels.stream().mapToInt(l -> l.columns() * l.rows()).sum();
        assertTrue(requests.size() >= expectedTiles - 1, "OSD would ask " + requests.size() + " tiles");
        int checked = 0;
        for (TileRequest t : requests) {
            Http.Reply r = Http.get(t.url(), headers);
            assertEquals(200, r.status(), () -> t.url() + " -> " + r);
            assertEquals("image/jpeg", r.contentType(), () -> t.url() + " -> " + r);
            BufferedImage img = TestImages.decode(r.body());
            assertEquals(t.width(), img.getWidth(), () -> "width of " + t.url());
            if (t.heightApproximate()) {
                assertTrue(Math.abs(t.height() - img.getHeight()) <= 1, () -> "height " + img.getHeight() + " of " + t.url());
            } else {
                assertEquals(t.height(), img.getHeight(), () -> "height of " + t.url());
            }
            checked += TestImages.checkPattern(img, t.regionX(), t.regionY(), t.regionW(), t.regionH(), t.url());
        }
        assertTrue(checked > 100, "pattern points checked: " + checked);
    }

}
