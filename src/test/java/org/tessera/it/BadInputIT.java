package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken requests: each gets a clear 4xx (never 5xx, never a stack trace or a path in
 * the body), nothing outside FILESYSTEM_PREFIX is ever served, and the daemon keeps serving.
 */
class BadInputIT extends StackTestBase {
    /** A valid image just outside the root: reaching it would prove a traversal. */
    @Override
    protected void prepare(Scratch scratch) throws Exception {
        Files.copy(image, scratch.resolve("outside.tif"));
    }

    /** {@code target} = path and query as sent on the wire. */
    private Http.Reply assertClientError(String target) {
        Http.Reply r = Http.raw(stack.base(), target);
        String url = target;
        assertTrue(r.status() >= 400 && r.status() < 500, () -> url + " should be a 4xx: " + r);
        assertFalse(ItSupport.leaksInternals(r.text(), scratch), () -> url + " leaks internals: " + r);
        assertFalse(r.text().contains("root:x:0:0"), () -> url + " served /etc/passwd");
        assertTrue(stack.daemon.isAlive(), () -> "daemon died on " + url);
        return r;
    }

    private void assertStillServing() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=0,0");
        assertEquals(200, r.status(), r::toString);
        assertTrue(TestImages.decode(r.body()).getWidth() > 0);
    }

    @Test
    void pathTraversalIsRefused() {
        String abs = scratch.resolve("outside.tif").toString();
        for (String fif : List.of("../../etc/passwd", "../outside.tif", "%2e%2e/outside.tif", "%2E%2E%2Foutside.tif",
                "..%2Foutside.tif", "....//outside.tif", "images/../../outside.tif", abs, "%2F" + abs.substring(1),
                "..\\outside.tif", "..%5Coutside.tif", "%252e%252e%252foutside.tif")) {
            assertClientError("/fcgi-bin/iipsrv.fcgi?FIF=" + fif + "&OBJ=Max-size");
            assertClientError("/fcgi-bin/iipsrv.fcgi?FIF=" + fif + "&JTL=0,0");
        }
        for (String id : List.of("..%2Foutside.tif", "%2e%2e%2foutside.tif", "%2E%2E/outside.tif")) {
            Http.Reply r = Http.raw(stack.base(), "/iiif/" + id + "/info.json");
            assertNotEquals(200, r.status(), () -> "IIIF " + id + " -> " + r);
            assertTrue(r.status() < 500, () -> "IIIF " + id + " -> " + r);
        }
        assertClientError("/fcgi-bin/iipsrv.fcgi?DeepZoom=../outside.tif.dzi");
        assertClientError("/fcgi-bin/iipsrv.fcgi?Zoomify=../outside.tif/ImageProperties.xml");
        assertStillServing();
    }

    /** iipsrv silently caps sizes at MAX_CVT (5000 by default); refusing with a 4xx is also fine. */
    @Test
    void absurdSizesAreBoundedOrRefused() {
        String iiif = "/iiif/" + ItSupport.IMAGE;
        for (String target : List.of("WID=1000000000&HEI=1000000000&CVT=jpeg", "WID=99999999999999999999&CVT=jpeg",
                "WID=-5&CVT=jpeg", "HEI=abc&CVT=jpeg", "RGN=0.5,0.5,-1,2&WID=200&CVT=jpeg",
                iiif + "/full/%5E100000000,/0/default.jpg", iiif + "/full/!100000000,100000000/0/default.jpg",
                iiif + "/full/pct:100000/0/default.jpg", iiif + "/0,0,1,1/max/0/default.jpg")) {
            String url = target.startsWith("/") ? target : "/fcgi-bin/iipsrv.fcgi?FIF=" + ItSupport.IMAGE + "&" + target;
            Http.Reply r = Http.raw(stack.base(), url);
            assertTrue(r.status() == 200 || (r.status() >= 400 && r.status() < 500), () -> url + " -> " + r);
            if (r.status() == 200) {
                BufferedImage img = TestImages.decode(r.body());
                assertTrue(img.getWidth() <= 5000 && img.getHeight() <= 5000, () -> url + " ignored MAX_CVT");
            } else {
                assertFalse(ItSupport.leaksInternals(r.text(), scratch), () -> url + " leaks internals: " + r);
            }
            assertTrue(stack.daemon.isAlive(), () -> "daemon died on " + url);
        }
        assertStillServing();
    }

    @Test
    void garbageIsAClearClientError() {
        for (String q : List.of("?%%%&&&===", "?FIF=", "?JTL=abc", "?FIF=" + ItSupport.IMAGE + "&JTL=99,0",
                "?FIF=" + ItSupport.IMAGE + "&JTL=0,99999", "?FIF=" + ItSupport.IMAGE + "&JTL=-1,-1",
                "?FIF=" + ItSupport.IMAGE + "&JTL=x,y", "?IIIF=" + ItSupport.IMAGE + "/full/max/-abc/default.jpg",
                "?IIIF=" + ItSupport.IMAGE + "/99999,0,10,10/max/0/default.jpg",
                "?IIIF=" + ItSupport.IMAGE + "/full/max/0/default.xyz", "?IIIF=" + ItSupport.IMAGE + "/a/b/c/d/e/f.jpg",
                "?DeepZoom=" + ItSupport.IMAGE + "_files/11/99_99.jpg", "?DeepZoom=" + ItSupport.IMAGE + "_files/x/a_b.jpg",
                "?Zoomify=" + ItSupport.IMAGE + "/TileGroup0/99-0-0.jpg", "?FIF=not-an-image.txt&OBJ=Max-size",
                "?FIF=" + "x".repeat(3000) + ".tif&JTL=0,0")) {
            assertClientError("/fcgi-bin/iipsrv.fcgi" + q);
        }
        // A well-formed request for a format the IIIF spec names but we cannot produce: 501, not 400.
        Http.Reply pdf = Http.raw(stack.base(), "/fcgi-bin/iipsrv.fcgi?IIIF=" + ItSupport.IMAGE + "/full/max/0/default.pdf");
        assertEquals(501, pdf.status(), pdf::toString);
        assertStillServing();
    }

    @Test
    void aFileThatIsNotAnImageIsAClientError() throws Exception {
        Files.writeString(scratch.resolve("images").resolve("fake.tif"), "this is not a TIFF\n");
        assertClientError("/fcgi-bin/iipsrv.fcgi?FIF=fake.tif&JTL=0,0");
        assertClientError("/iiif/fake.tif/info.json");
        assertStillServing();
    }
}
