package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Overload with mixed tiles and exports against the real daemon over FastCGI on loopback: ten times
 * the export lane's capacity in clients asking for large exports while viewers fetch transcoded
 * tiles (no pass-through, no tile cache, so every tile is decoded and encoded). Every request gets
 * a complete answer; tiles are never refused; the excess exports get 503 with Retry-After; the
 * daemon serves on afterwards and exits cleanly. Latencies and the memory high-water mark are
 * recorded (LoadFigures), not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadIT {
    /** Export lane with 2 workers and a queue of 16: 1 running + 2 waiting. */
    private static final int EXPORT_CAPACITY = 3;
    private static final String EXPORT = "FIF=" + ItSupport.IMAGE + "&WID=3000&CVT=jpeg";

    private Scratch scratch;
    private DaemonProcess daemon;
    private int port;
    private List<String> tiles;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> daemon == null ? "" : daemon.diagnostics());

    @BeforeAll
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("overload-it");
        List<TestImages.StoredLevel> levels = TestImages.levels(ItSupport.standardImage(scratch));
        port = Ports.freePort();
        daemon = DaemonProcess.tessera(TesseraStack.env(scratch, Map.of("VERBOSITY", "1", "CODEC_PASSTHROUGH", "0",
                        "MAX_IMAGE_CACHE_SIZE", "0", "TESSERA_WORKERS", "2", "TESSERA_QUEUE", "16", "MAX_CVT", "10000")),
                List.of("--bind", "127.0.0.1:" + port), Listen.tcp(port), scratch.resolve("tessera"));
        TestImages.StoredLevel full = levels.get(0);
        int r = levels.size() - 1;
        tiles = new ArrayList<>();
        for (int t = 0; t < full.columns() * full.rows(); t++) {
            tiles.add("FIF=" + ItSupport.IMAGE + "&JTL=" + r + "," + t);
        }
    }

    @AfterAll
    void stop() {
        int code = daemon == null ? 0 : daemon.stop();
        if (scratch != null) scratch.close();
        assertEquals(0, code, "daemon exit code after SIGTERM");
    }

    /** One closed-loop client's results. */
    private record Outcome(String kind, int status, double ms, boolean retryAfter) {
    }

    @Test
    void tilesStayFastAndExcessExportsGet503() throws Exception {
        // warm up the JIT and the codecs
        runClients(2, 0, 3_000, new ConcurrentLinkedQueue<>());
        ConcurrentLinkedQueue<Outcome> unloaded = new ConcurrentLinkedQueue<>();
        runClients(2, 0, 6_000, unloaded);
        ConcurrentLinkedQueue<Outcome> loaded = new ConcurrentLinkedQueue<>();
        runClients(2, 10 * EXPORT_CAPACITY, 10_000, loaded);

        List<Double> tileUnloaded = ms(unloaded, "tile", 200), tileLoaded = ms(loaded, "tile", 200);
        List<Double> exportOk = ms(loaded, "export", 200);
        long tile503 = count(loaded, "tile", 503), export503 = count(loaded, "export", 503);
        long other = loaded.stream().filter(o -> o.status() != 200 && o.status() != 503).count();

        ProcStatus ps = ProcStatus.of(daemon.pid());
        LoadFigures.record("OverloadIT", "transcoded tiles unloaded: " + LoadFigures.latencies(tileUnloaded));
        LoadFigures.record("OverloadIT", "transcoded tiles with " + 10 * EXPORT_CAPACITY + " export clients: "
                + LoadFigures.latencies(tileLoaded) + ", 503: " + tile503);
        LoadFigures.record("OverloadIT", "exports (3000x2200 JPEG): 200 " + LoadFigures.latencies(exportOk)
                + "; 503: " + export503);
        LoadFigures.record("OverloadIT", "daemon (-Xmx512m) after load: " + ps);

        assertEquals(0, other, "every answer is 200 or 503: " + loaded.stream().filter(o -> o.status() != 200 && o.status() != 503).toList());
        assertEquals(0, tile503, "exports never take the tiles' workers");
        assertTrue(tileLoaded.size() > 10, "tiles kept being served under load: " + tileLoaded.size());
        assertTrue(!exportOk.isEmpty(), "exports still make progress");
        assertTrue(export503 > 0, "the excess exports are refused");
        assertTrue(loaded.stream().filter(o -> o.status() == 503).allMatch(Outcome::retryAfter), "503 carries Retry-After");
        try (FcgiClient c = new FcgiClient(port)) {
            FcgiClient.Response r = c.get(tiles.get(0), false);
            assertEquals(200, r.status(), "serving after the load");
            assertEquals("image/jpeg", r.header("Content-Type"));
        }
        assertTrue(daemon.isAlive());
    }

    @Test
    void anExportThatCouldNeverFitInTheMemoryBudgetIs400WithItsSize() throws Exception {
        // 9000x6600 RGB: 178 MB of pixels, twice that while encoding; a 512 MB heap allows exports about 190 MB
        try (FcgiClient c = new FcgiClient(port)) {
            FcgiClient.Response r = c.get("FIF=" + ItSupport.IMAGE + "&WID=9000&CVT=jpeg", true);
            assertEquals(400, r.status());
            String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.matches("requested image needs 340 MB of memory to render, more than this server allows "
                    + "for one image \\(\\d+ MB\\)\n"), text);
            FcgiClient.Response ok = c.get("FIF=" + ItSupport.IMAGE + "&WID=3000&CVT=jpeg", true);
            assertEquals(200, ok.status(), "a smaller export on the same connection");
            assertEquals(3000, TestImages.decode(ok.body()).getWidth());
        }
    }

    /**
     * {@code tileClients} clients fetching tiles in turn and {@code exportClients} clients asking for
     * exports, each one request at a time on its own keep-alive connection, for {@code millis}.
     * A 503 export is retried after 100 ms (a client honouring Retry-After would wait longer,
     * which would only lighten the load). Any I/O failure fails the test: no request may be lost.
     */
    private void runClients(int tileClients, int exportClients, long millis, ConcurrentLinkedQueue<Outcome> out)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ExecutorService pool = Executors.newFixedThreadPool(tileClients + exportClients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < tileClients + exportClients; i++) {
                boolean tile = i < tileClients;
                futures.add(pool.submit(() -> {
                    try (FcgiClient c = new FcgiClient(port)) {
                        while (System.nanoTime() < end) {
                            String q = tile ? tiles.get(Math.floorMod(next.getAndIncrement(), tiles.size())) : EXPORT;
                            long t0 = System.nanoTime();
                            FcgiClient.Response r = c.get(q, true);
                            double ms = (System.nanoTime() - t0) / 1e6;
                            out.add(new Outcome(tile ? "tile" : "export", r.status(), ms, r.header("Retry-After") != null));
                            if (r.status() == 200 && !tile) assertNotNull(TestImages.decode(r.body()));
                            if (r.status() == 503) Thread.sleep(100);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(millis + 120_000, TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Double> ms(Iterable<Outcome> all, String kind, int status) {
        List<Double> l = new ArrayList<>();
        for (Outcome o : all) if (o.kind().equals(kind) && o.status() == status) l.add(o.ms());
        Collections.sort(l);
        return l;
    }

    private static long count(ConcurrentLinkedQueue<Outcome> all, String kind, int status) {
        return all.stream().filter(o -> o.kind().equals(kind) && o.status() == status).count();
    }
}
