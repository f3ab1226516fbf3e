package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** IIP through nginx + FastCGI: iipsrv-behaviour.md sections 5, 7 and 8. */
class NginxIipIT extends StackTestBase {
    @Test
    void objLinesDescribeTheImage() {
        IipChecks.assertObjMatches(stack.iip(), ItSupport.IMAGE, levels);
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&OBJ=IIP,1.0&OBJ=Max-size");
        String[] lines = r.text().split("\r?\n");
        assertTrue(lines[0].matches("IIP:1\\.\\d"), () -> "first body line should be the IIP version: " + r);
        assertTrue(r.text().contains("Max-size:" + ItSupport.WIDTH + " " + ItSupport.HEIGHT + "\r\n"), r::toString);
    }

    @Test
    void objResolutionsListsEveryLevelSmallestFirst() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&OBJ=Resolutions");
        StringBuilder expected = new StringBuilder("Resolutions:");
        for (int i = levels.size() - 1; i >= 0; i--) {
            expected.append(levels.get(i).width()).append(' ').append(levels.get(i).height()).append(i > 0 ? "," : "");
        }
        assertTrue(r.text().contains(expected), () -> "expected " + expected + " in " + r);
    }

    @Test
    void everyJtlTileAtEveryResolutionDecodesWithThePattern() {
        int expected = levels.stream().mapToInt(l -> l.columns() * l.rows()).sum();
        assertEquals(expected, IipChecks.assertAllJtlTiles(stack.iip(), ItSupport.IMAGE, levels));
    }

    @Test
    void cvtWithWidthScalesTheWholeImage() {
        IipChecks.assertCvtWidth(stack.iip(), ItSupport.IMAGE, ItSupport.WIDTH, ItSupport.HEIGHT);
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&WID=1000&CVT=jpeg");
        assertTrue(r.header("content-disposition").orElse("").startsWith("inline; filename=\"pattern_1000x"), r::toString);
    }

    @Test
    void cvtWithRegionShowsThatRegion() {
        IipChecks.assertCvtRegion(stack.iip(), ItSupport.IMAGE, ItSupport.WIDTH, ItSupport.HEIGHT);
    }

    @Test
    void missingImageIs404PlainTextWithoutThePath() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=missing.tif&JTL=0,0");
        assertEquals(404, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("text/plain"), r::toString);
        assertFalse(ItSupport.leaksInternals(r.text(), scratch), r::toString);
        assertEquals("*", r.header("access-control-allow-origin").orElse(null), "CORS on errors too: " + r);
    }

    @Test
    void unknownCommandIsIipError400() {
        Http.Reply r = Http.get(stack.iip() + "?FOO=1");
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.text().contains("Error/7:2 2 FOO"), r::toString);
    }

    @Test
    void unsupportedObjIsIipError400() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&OBJ=no-such-object");
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.text().contains("Error/") && r.text().contains("3 2 no-such-object"), r::toString);
    }

    @Test
    void tileOutOfRangeIs404() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=0,999");
        assertEquals(404, r.status(), r::toString);
    }

    @Test
    void lastModifiedIsTheFileMtimeAndIfModifiedSinceGives304() throws Exception {
        IipChecks.assertLastModifiedAnd304(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=1,0", image);
    }

    @Test
    void corsHeadersWhenCorsIsSet() {
        IipChecks.assertCors(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=0,0");
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        IipChecks.assertHead(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=2,1");
    }

    @Test
    void emptyRequestIsTheHealthCheckPage() {
        Http.Reply r = Http.get(stack.iip());
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("text/html"), r::toString);
    }
}
