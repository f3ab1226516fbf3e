package org.tessera.protocol.zoomify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpResponse;
import org.tessera.image.Rect;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.testing.PatternSource;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.image.TileAddress;
import org.tessera.testing.TestPattern;

class ZoomifyHandlerTest {
    Harness h;
    ZoomifyHandler handler = new ZoomifyHandler(org.tessera.format.OutputFormats.of(OutputFormat.JPEG, OutputFormat.PNG));

    @BeforeEach
    void setUp() {
        h = new Harness();
        h.images.put("a.tif", new PatternSource(1000, 700, 4, 256));   // 1000,500,250,125
        h.images.put("s.tif", new PatternSource(512, 512, 3, 256));    // 512,256,128: level 256 fits exactly
        h.images.put("short.tif", new PatternSource(1000, 700, 2, 256)); // 1000,500: no level fits a tile
    }

    HttpResponse get(String arg) {
        return h.call(handler, arg, "/zoomify/" + arg, Map.of());
    }

    ImageRequest last() { return h.renderer.last(); }

    static byte[] props(int w, int hgt, int tiles) {
        return ("<IMAGE_PROPERTIES WIDTH=\"" + w + "\" HEIGHT=\"" + hgt + "\" NUMTILES=\"" + tiles
                + "\" NUMIMAGES=\"1\" VERSION=\"1.8\" TILESIZE=\"256\"/>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void propertiesAreByteExactWithTheRealTileCount() {
        HttpResponse r = get("a.tif/ImageProperties.xml");
        assertEquals(200, r.status());
        assertEquals("application/xml", r.header("Content-Type").orElseThrow());
        assertArrayEquals(props(1000, 700, 1 + 4 + 12), r.body()); // 250x175, 500x350, 1000x700
        assertArrayEquals(props(512, 512, 1 + 4), get("s.tif/ImageProperties.xml").body());
        assertArrayEquals(props(1000, 700, 1 + 4 + 12), get("short.tif/ImageProperties.xml").body());
    }

    @Test
    void levelZeroIsTheLargestLevelThatFitsOneTile() {
        get("a.tif/TileGroup0/0-0-0.jpg");
        assertEquals(Optional.of(new TileAddress(2, 0, 0)), last().tile());
        assertEquals(250, last().width());
        assertEquals(175, last().height());
        assertEquals(new Rect(0, 0, 1000, 700), last().region());
        get("a.tif/TileGroup0/1-1-1.jpg");
        assertEquals(Optional.of(new TileAddress(1, 1, 1)), last().tile());
        get("a.tif/TileGroup0/2-3-2.jpg");
        assertEquals(Optional.of(new TileAddress(0, 3, 2)), last().tile());
        assertEquals(new Rect(768, 512, 232, 188), last().region());
    }

    @Test
    void aLevelExactlyOneTileWideIsLevelZero() {
        get("s.tif/TileGroup0/0-0-0.jpg");
        assertEquals(Optional.of(new TileAddress(1, 0, 0)), last().tile());
        assertEquals(256, last().width());
        assertEquals(404, get("s.tif/TileGroup0/2-0-0.jpg").status());
    }

    @Test
    void missingSmallLevelsAreDownsampled() {
        get("short.tif/TileGroup0/0-0-0.jpg");
        assertEquals(Optional.empty(), last().tile());
        assertEquals(new Rect(0, 0, 1000, 700), last().region());
        assertEquals(250, last().width());
        assertEquals(175, last().height());
    }

    @Test
    void tileGroupNumberIsIgnored() {
        get("a.tif/TileGroup7/2-1-0.jpg");
        assertEquals(Optional.of(new TileAddress(0, 1, 0)), last().tile());
    }

    @Test
    void pixelsComeFromTheRightPlace() {
        BufferedImage img = Harness.decode(get("a.tif/TileGroup0/2-2-1.png"));
        assertArrayEquals(TestPattern.rgb(512 + 100, 256 + 30), Harness.rgbAt(img, 100, 30));
    }

    @Test
    void errors() {
        assertEquals(404, get("a.tif/TileGroup0/3-0-0.jpg").status());
        assertEquals(404, get("a.tif/TileGroup0/2-4-0.jpg").status());
        assertEquals(404, get("a.tif/TileGroup0/0-1-0.jpg").status());
        assertEquals(404, get("nothere.tif/ImageProperties.xml").status());
        assertEquals(400, get("a.tif/TileGroup0/2-0.jpg").status());
        assertEquals(400, get("a.tif/TileGroup0/a-0-0.jpg").status());
        assertEquals(400, get("a.tif/TileGroupX/0-0-0.jpg").status());
        assertEquals(400, get("a.tif/0-0-0.jpg").status());
        assertEquals(400, get("a.tif/TileGroup0/0-0-0.gif").status());
    }
}
