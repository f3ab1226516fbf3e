package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IIP through nginx + FastCGI: iipsrv-behaviour.md sections 5, 7 and 8. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxIipIT {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private Scratch scratch;
    private TesseraStack stack;
    private Path image;
    private List<TestImages.StoredLevel> levels;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> stack == null ? "" : stack.diagnostics());

    @BeforeAll
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("iip-it");
        image = ItSupport.standardImage(scratch);
        levels = TestImages.levels(image);
        stack = TesseraStack.startTcp(scratch);
    }

    @AfterAll
    void stop() {
        int code = stack == null ? 0 : stack.stop();
        if (scratch != null) scratch.close();
        assertEquals(0, code, "daemon exit code after SIGTERM");
    }

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
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&WID=1000&CVT=jpeg");
        assertEquals(200, r.status(), r::toString);
        assertEquals("image/jpeg", r.contentType());
        BufferedImage img = TestImages.decode(r.body());
        assertEquals(1000, img.getWidth());
        int h = (int) Math.round(1000.0 * ItSupport.HEIGHT / ItSupport.WIDTH);
        assertTrue(Math.abs(img.getHeight() - h) <= 1, "height " + img.getHeight() + ", expected about " + h);
        assertTrue(TestImages.checkPattern(img, 0, 0, ItSupport.WIDTH, ItSupport.HEIGHT, "CVT WID=1000") > 100);
        assertTrue(r.header("content-disposition").orElse("").startsWith("inline; filename=\"pattern_1000x"), r::toString);
    }

    @Test
    void cvtWithRegionShowsThatRegion() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&RGN=0.25,0.25,0.5,0.5&WID=300&CVT=jpeg");
        assertEquals(200, r.status(), r::toString);
        BufferedImage img = TestImages.decode(r.body());
        assertEquals(300, img.getWidth());
        assertTrue(Math.abs(img.getHeight() - 220) <= 1, "height " + img.getHeight());
        assertTrue(TestImages.checkPattern(img, 375, 275, 750, 550, "CVT RGN") > 50);
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
        String url = stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=1,0";
        Instant mtime = Files.getLastModifiedTime(image).toInstant().truncatedTo(ChronoUnit.SECONDS);
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

    @Test
    void corsHeadersWhenCorsIsSet() {
        Http.Reply r = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=0,0");
        assertEquals(200, r.status(), r::toString);
        assertEquals("*", r.header("access-control-allow-origin").orElse(null), r::toString);
        assertTrue(r.header("access-control-allow-methods").orElse("").contains("GET"), r::toString);
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        String url = stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=2,1";
        Http.Reply get = Http.get(url);
        Http.Reply head = Http.head(url);
        assertEquals(200, head.status(), head::toString);
        assertEquals("image/jpeg", head.contentType(), head::toString);
        assertEquals(0, head.body().length);
        assertEquals(Integer.toString(get.body().length), head.header("content-length").orElse(null), head::toString);
        assertEquals(get.header("last-modified"), head.header("last-modified"));
    }

    @Test
    void emptyRequestIsTheHealthCheckPage() {
        Http.Reply r = Http.get(stack.iip());
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("text/html"), r::toString);
    }
}
