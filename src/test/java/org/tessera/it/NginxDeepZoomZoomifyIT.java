package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DeepZoom and Zoomify through nginx (iipsrv-behaviour.md sections 10 and 11). */
class NginxDeepZoomZoomifyIT extends StackTestBase {
    @Test
    void dziDescriptorIsExact() {
        Http.Reply r = Http.get(stack.iip() + "?DeepZoom=" + ItSupport.IMAGE + ".dzi");
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/xml", r.contentType(), r::toString);
        assertEquals("<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" TileSize=\"256\" Overlap=\"0\" Format=\"jpg\">"
                + "<Size Width=\"1500\" Height=\"1100\"/></Image>", r.text().trim());
        TileProtocolChecks.assertDzi(stack.iip(), ItSupport.IMAGE, levels);
    }

    @Test
    void everyDeepZoomTile() {
        assertEquals(levels.stream().mapToInt(l -> l.columns() * l.rows()).sum(),
                TileProtocolChecks.assertAllDeepZoomTiles(stack.iip(), ItSupport.IMAGE, levels));
    }

    @Test
    void deepZoomTileOutsideTheGridIs404() {
        Http.Reply r = Http.get(stack.iip() + "?DeepZoom=" + ItSupport.IMAGE + "_files/11/40_40.jpg");
        assertEquals(404, r.status(), r::toString);
    }

    @Test
    void zoomifyDescriptorIsExact() {
        Http.Reply r = Http.get(stack.iip() + "?Zoomify=" + ItSupport.IMAGE + "/ImageProperties.xml");
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/xml", r.contentType(), r::toString);
        assertEquals("<IMAGE_PROPERTIES WIDTH=\"1500\" HEIGHT=\"1100\" NUMTILES=\"44\" NUMIMAGES=\"1\" VERSION=\"1.8\" TILESIZE=\"256\"/>",
                r.text().trim());
        TileProtocolChecks.assertZoomifyProperties(stack.iip(), ItSupport.IMAGE, levels, true);
    }

    @Test
    void everyZoomifyTile() {
        assertTrue(TileProtocolChecks.assertAllZoomifyTiles(stack.iip(), ItSupport.IMAGE, levels) >= 44);
    }
}
