package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Tessera instances and a real memcached, asked directly (development listeners): what is
 * shared and what is not, a rewritten file is never answered from memcached, and a memcached that
 * hangs, dies or restarts never fails a request and is used again once it is back.
 */
class MemcachedIT {
    private static final String IIP = "/fcgi-bin/iipsrv.fcgi?FIF=" + ItSupport.IMAGE;
    private Scratch scratch;
    private MemcachedProcess memcached;
    private Instances instances;

    @RegisterExtension
    final LogsBeforeCleanup logs = new LogsBeforeCleanup(() -> (instances == null ? "" : instances.diagnostics())
            + (memcached == null ? "" : memcached.diagnostics()));

    @BeforeEach
    void start() {
        ItSupport.requireTools();
        Recipe.requireTool(MemcachedProcess.installed(), "memcached");
        scratch = new Scratch("mc-it");
        ItSupport.standardImage(scratch);
        // small items (64 KB), so that a result too large for memcached is easy to make
        memcached = MemcachedProcess.start(scratch.resolve("memcached"), 64);
        instances = new Instances(scratch, List.of(Listen.tcp(Ports.freePort()), Listen.tcp(Ports.freePort())),
                Map.of("MEMCACHED_SERVERS", memcached.address()));
    }

    @AfterEach
    void stop() {
        if (instances != null) instances.close();
        if (memcached != null) memcached.close();
        if (scratch != null) scratch.close();
    }

    private Http.Reply get(int instance, String path) { return Http.get(instances.get(instance).direct() + path); }

    private long awaitStat(String name, long atLeast) {
        Ports.await(() -> memcached.stat(name) >= atLeast, () -> true, Duration.ofSeconds(10));
        return memcached.stat(name);
    }

    @Test
    void onlyImageResultsAreSharedNeverErrorsNorHeaderDependentAnswers() {
        assertEquals(200, get(0, IIP + "&JTL=3,4").status());
        assertEquals(200, get(0, IIP + "&WID=321&CVT=jpeg").status());
        assertEquals(2, awaitStat("cmd_set", 2));

        Http.Reply info = get(0, "/iiif/" + ItSupport.IMAGE + "/info.json");
        assertEquals(200, info.status());
        assertEquals(200, Http.get(instances.get(0).direct() + "/iiif/" + ItSupport.IMAGE + "/info.json",
                Map.of("X-Forwarded-Host", "images.example.org", "X-Forwarded-Proto", "https")).status());
        assertEquals(303, get(0, "/iiif/" + ItSupport.IMAGE).status());
        assertEquals(404, get(0, "/iiif/missing.tif/full/max/0/default.jpg").status());
        assertTrue(get(0, "/iiif/" + ItSupport.IMAGE + "/full/max/0/default.xyz").status() >= 400);
        assertTrue(get(0, IIP + "&JTL=3,99999").status() >= 400);
        assertEquals(200, get(0, IIP + "&OBJ=IIP,1.0&OBJ=Max-size").status());
        assertEquals(2, memcached.stat("cmd_set"), "info.json, redirects, metadata and errors are not stored");
        assertEquals(2, memcached.stat("curr_items"));
    }

    @Test
    void aResultLargerThanAMemcachedItemIsServedButNotStored() {
        Http.Reply big = get(0, "/iiif/" + ItSupport.IMAGE + "/full/max/0/default.png");
        assertEquals(200, big.status());
        assertTrue(big.body().length > 64 * 1024, "precondition: the PNG is larger than memcached's 64 KB item, "
                + big.body().length + " bytes");
        double skipped = instances.get(0).metric("tessera_cache_skipped_total{tier=\"memcached\"}");
        assertEquals(1.0, skipped);
        assertEquals(0, memcached.stat("cmd_set"));
        assertArrayEquals(big.body(), get(1, "/iiif/" + ItSupport.IMAGE + "/full/max/0/default.png").body(),
                "the other instance renders it itself");
    }

    @Test
    void aRewrittenFileIsNeverAnsweredFromMemcached() throws Exception {
        String tile = IIP + "&JTL=3,5"; // the top-right edge tile: 220 px wide before, 20 px after
        String export = IIP + "&WID=400&CVT=jpeg";
        Http.Reply oldTile = get(0, tile), oldExport = get(0, export);
        awaitStat("curr_items", 2);
        assertArrayEquals(oldTile.body(), get(1, tile).body(), "shared before the change");

        // the same name, another picture (other size, so other pixels in every tile), a later mtime
        Path replacement = TestImages.pyramid(scratch.resolve("other"), ItSupport.IMAGE, 1300, 1000);
        Path image = scratch.resolve("images").resolve(ItSupport.IMAGE);
        Files.move(replacement, image, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(image, FileTime.from(TestImages.FIXED_MTIME.plusSeconds(3600)));

        Http.Reply newExport = get(1, export), newTile = get(1, tile);
        assertEquals(200, newExport.status());
        assertFalse(java.util.Arrays.equals(oldExport.body(), newExport.body()), "the export is of the new file");
        assertEquals(308, TestImages.decode(newExport.body()).getHeight(), "1300x1000 scaled to 400 wide");
        assertFalse(java.util.Arrays.equals(oldTile.body(), newTile.body()), "the tile is of the new file");
        assertArrayEquals(newTile.body(), get(0, tile).body(), "and the first instance agrees");
    }

    @Test
    void aHungDeadOrRestartedMemcachedNeverFailsARequest() {
        Instances.Instance in = instances.get(0);
        String errors = "tessera_cache_errors_total{tier=\"memcached\"}";
        assertEquals(200, get(0, IIP + "&WID=250&CVT=jpeg").status());

        memcached.pause(); // accepts connections, never answers
        for (int i = 0; i < 8; i++) assertEquals(200, get(0, IIP + "&WID=" + (260 + i) + "&CVT=jpeg").status());
        assertTrue(in.metric(errors) > 0, "the failures are counted");
        memcached.resume();

        memcached.kill();
        for (int i = 0; i < 8; i++) assertEquals(200, get(0, IIP + "&WID=" + (280 + i) + "&CVT=jpeg").status());
        double afterKill = in.metric(errors);

        memcached.launch(); // empty, same port: the client must find it again by itself
        boolean back = Ports.await(() -> {
            get(0, IIP + "&WID=" + (300 + (int) (System.nanoTime() % 400)) + "&CVT=jpeg");
            return memcached.stat("curr_items") > 0;
        }, () -> true, Duration.ofSeconds(40));
        assertTrue(back, "stores resumed after memcached came back");
        String again = IIP + "&WID=444&CVT=jpeg";
        Http.Reply first = get(0, again);
        awaitStat("cmd_set", memcached.stat("cmd_set"));
        Ports.await(() -> {
            get(1, again);
            return instances.get(1).metric("tessera_cache_hits_total{tier=\"memcached\"}") > 0;
        }, () -> true, Duration.ofSeconds(10));
        assertArrayEquals(first.body(), get(1, again).body());
        assertTrue(instances.get(1).metric("tessera_cache_hits_total{tier=\"memcached\"}") > 0, "lookups resumed");
        assertTrue(afterKill > 0);

        long warnings = in.process.logText().lines().filter(l -> l.contains("WARN") && l.contains("memcached:")).count();
        assertTrue(warnings >= 1, "a warning says memcached fails");
        assertTrue(warnings < afterKill, "warnings are rate-limited: " + warnings + " lines for " + afterKill + " failures");
    }
}
