package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and unlucky peers against the real daemon over FastCGI on loopback: thousands of idle
 * connections, slowloris peers, a peer that never reads its responses, and SIGTERM in the middle of
 * load. Each test asserts that the daemon keeps serving everyone else and that no request is lost
 * (every answer arrives whole); the figures (connections held, memory, threads) go to LoadFigures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {
    private static final String EXPORT = "FIF=" + ItSupport.IMAGE + "&WID=1500&QLT=95&CVT=jpeg";

    private Scratch scratch;
    private DaemonProcess daemon;
    private DaemonProcess stopping;
    private int port;
    private final List<String> tiles = new ArrayList<>();

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> (daemon == null ? "" : daemon.diagnostics())
            + (stopping == null ? "" : stopping.diagnostics()));

    @BeforeAll
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("faults-it");
        List<TestImages.StoredLevel> levels = TestImages.levels(ItSupport.standardImage(scratch));
        TestImages.StoredLevel full = levels.get(0);
        for (int t = 0; t < full.columns() * full.rows(); t++) {
            tiles.add("FIF=" + ItSupport.IMAGE + "&JTL=" + (levels.size() - 1) + "," + t);
        }
        port = Ports.freePort();
        daemon = startDaemon(port, "tessera");
    }

    private DaemonProcess startDaemon(int p, String dir) {
        return DaemonProcess.tessera(TesseraStack.env(scratch, Map.of("VERBOSITY", "1", "CODEC_PASSTHROUGH", "0",
                        "TESSERA_WORKERS", "2")),
                List.of("--bind", "127.0.0.1:" + p), Listen.tcp(p), scratch.resolve(dir));
    }

    @AfterAll
    void stop() {
        int code = daemon == null ? 0 : daemon.stop();
        if (stopping != null) stopping.stop();
        if (scratch != null) scratch.close();
        assertEquals(0, code, "daemon exit code after SIGTERM");
    }

    /** A tile on a new connection: 200 and a JPEG, or the test fails (a lost request). */
    private void servesATile(int i) throws IOException {
        try (FcgiClient c = new FcgiClient(port)) {
            FcgiClient.Response r = c.get(tiles.get(i % tiles.size()), false);
            assertEquals(200, r.status(), () -> "tile " + i + ": " + new String(r.body()));
            assertEquals("image/jpeg", r.header("Content-Type"));
            assertNotNull(TestImages.decode(r.body()));
        }
    }

    @Test
    void thousandsOfIdleConnectionsDoNotStopOthersBeingServed() throws Exception {
        int maxConns;
        try (FcgiClient c = new FcgiClient(port)) {
            c.send(FcgiClient.getValues("FCGI_MAX_CONNS"));
            maxConns = Integer.parseInt(c.readValues().get("FCGI_MAX_CONNS"));
        }
        // as many as the daemon says it takes and both processes' descriptor limits allow (ulimit -n; the
        // JVM raises its soft limit to the hard one), leaving room for the requests below
        int n = Math.min(3000, maxConns - 32);
        n = (int) Math.min(n, ProcStatus.openFileLimit(ProcessHandle.current().pid()) - 256);
        n = (int) Math.min(n, ProcStatus.openFileLimit(daemon.pid()) - 256);
        assertTrue(n >= 500, "room for at least 500 idle connections: ulimit -n too small (" + n + ")");
        List<FcgiClient> idle = new ArrayList<>(n);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) idle.add(new FcgiClient(port));
            double openMs = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < 20; i++) servesATile(i);
            ProcStatus heldStatus = ProcStatus.of(daemon.pid());
            Thread.sleep(200);
            long closedByServer = idle.stream().filter(FcgiClient::closedByServerNow).count();
            int held = n;
            LoadFigures.record("FaultsIT", String.format("%d idle connections (FCGI_MAX_CONNS %d) opened in %.0f ms, "
                    + "%d closed by the daemon so far; daemon while holding them: %s", held, maxConns, openMs, closedByServer,
                    heldStatus));
        } finally {
            idle.forEach(FcgiClient::close);
        }
        for (int i = 0; i < 20; i++) servesATile(i);
        assertTrue(daemon.isAlive());
    }

    @Test
    void slowlorisPeersNeitherBlockOthersNorLoseTheirOwnRequests() throws Exception {
        int slow = 40, stalled = 40;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<FcgiClient> stalledPeers = new ArrayList<>();
        try {
            // stalled: half a request, then nothing more
            byte[] request = FcgiClient.request(1, false, tiles.get(0));
            for (int i = 0; i < stalled; i++) {
                FcgiClient c = new FcgiClient(port);
                c.send(java.util.Arrays.copyOf(request, request.length / 2));
                stalledPeers.add(c);
            }
            // slow: the whole request, one byte every 20 ms (about 4 s), then read the answer
            List<Future<String>> slowPeers = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                String q = tiles.get(i % tiles.size());
                slowPeers.add(pool.submit(() -> {
                    try (FcgiClient c = new FcgiClient(port)) {
                        byte[] r = FcgiClient.request(1, false, q);
                        for (byte b : r) {
                            c.send(new byte[] {b});
                            Thread.sleep(20);
                        }
                        try {
                            FcgiClient.Response resp = c.read(1);
                            return resp.status() == 200 && TestImages.decode(resp.body()) != null ? "200" : "status " + resp.status();
                        } catch (EOFException | SocketException e) {
                            return "closed";  // a daemon with a read timeout may drop a peer this slow; never half an answer
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            int served = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3)) servesATile(served++);
            int answered = 0, closed = 0;
            for (Future<String> f : slowPeers) {
                String outcome = f.get(60, TimeUnit.SECONDS);
                if (outcome.equals("200")) answered++;
                else if (outcome.equals("closed")) closed++;
                else throw new AssertionError("slow peer got " + outcome);
            }
            long stalledClosed = stalledPeers.stream().filter(FcgiClient::closedByServerNow).count();
            LoadFigures.record("FaultsIT", String.format("slowloris: %d requests served to others meanwhile; %d slow peers "
                    + "answered, %d dropped; %d of %d stalled peers closed by the daemon; daemon: %s",
                    served, answered, closed, stalledClosed, stalled, ProcStatus.of(daemon.pid())));
            assertEquals(slow, answered + closed);
        } finally {
            stalledPeers.forEach(FcgiClient::close);
            pool.shutdownNow();
        }
        for (int i = 0; i < 10; i++) servesATile(i);
    }

    @Test
    void aPeerThatNeverReadsHoldsNobodyElseUp() throws Exception {
        int requests = 32;
        ProcStatus before = ProcStatus.of(daemon.pid());
        try (FcgiClient deaf = new FcgiClient(port, 4096)) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int id = 1; id <= requests; id++) all.writeBytes(FcgiClient.request(id, true, EXPORT));
            deaf.send(all.toByteArray());
            // it never reads: its answers fill the socket buffers and the daemon's writer waits
            long t0 = System.nanoTime();
            int served = 0, exports = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5)) {
                servesATile(served++);
                if (served % 10 == 0 && export()) exports++;
            }
            ProcStatus during = ProcStatus.of(daemon.pid());
            LoadFigures.record("FaultsIT", String.format("a peer not reading %d pipelined exports: %d tiles and %d exports "
                    + "served to others in 5 s; daemon before: %s, during: %s", requests, served, exports, before, during));
            assertTrue(exports > 0, "exports go on for others");
        }
        for (int i = 0; i < 10; i++) servesATile(i);
        assertTrue(export(), "an export after the deaf peer left");
    }

    /** One export on a new connection: true for 200, false for 503 (busy); anything else fails. */
    private boolean export() throws IOException {
        try (FcgiClient c = new FcgiClient(port)) {
            FcgiClient.Response r = c.get(EXPORT, false);
            if (r.status() == 503) return false;
            assertEquals(200, r.status(), () -> new String(r.body()));
            assertEquals(1500, TestImages.decode(r.body()).getWidth());
            return true;
        }
    }

    /** What became of one request of the SIGTERM test. */
    private record Attempt(long sentNanos, String outcome) {
    }

    @Test
    void sigtermMidLoadAnswersEveryRequestInFlight() throws Exception {
        int p = Ports.freePort();
        stopping = startDaemon(p, "stopping");
        for (int i = 0; i < 30; i++) {   // warm: the load below should find the daemon at full speed
            try (FcgiClient c = new FcgiClient(p)) {
                assertEquals(200, c.get(i % 5 == 0 ? EXPORT : tiles.get(i % tiles.size()), false).status());
            }
        }
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean refused = new AtomicBoolean();
        AtomicInteger seq = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(pool.submit(() -> {
                while (!refused.get() && System.nanoTime() < deadline) {
                    int k = seq.getAndIncrement();
                    String q = k % 4 == 0 ? EXPORT : tiles.get(k % tiles.size());
                    FcgiClient c;
                    try {
                        c = new FcgiClient(p);
                    } catch (ConnectException e) {
                        refused.set(true);   // the listener is closed: the daemon is stopping
                        break;
                    }
                    long sent = -1;
                    try (c) {
                        c.send(FcgiClient.request(1, false, q));
                        sent = System.nanoTime();
                        FcgiClient.Response r = c.read(1);
                        attempts.add(new Attempt(sent, r.status() == 200 || r.status() == 503 ? "answered" : "status " + r.status()));
                    } catch (EOFException | SocketException e) {
                        attempts.add(new Attempt(sent, e instanceof EOFException && e.getMessage() != null
                                && e.getMessage().startsWith("truncated") ? "truncated" : "closed"));
                    }
                }
                return null;
            }));
        }
        Thread.sleep(3_000);
        long signalled = System.nanoTime();
        stopping.signal("TERM");
        for (Future<?> f : clients) f.get(60, TimeUnit.SECONDS);
        pool.shutdownNow();
        Integer code = stopping.awaitExit(Duration.ofSeconds(30));

        // in flight: sent completely at least 250 ms before the signal (time enough for the daemon to have read it)
        long margin = TimeUnit.MILLISECONDS.toNanos(250);
        List<Attempt> inFlight = attempts.stream().filter(a -> a.sentNanos() >= 0 && a.sentNanos() < signalled - margin).toList();
        long lost = inFlight.stream().filter(a -> !a.outcome().equals("answered")).count();
        long afterAnswered = attempts.stream().filter(a -> a.sentNanos() >= signalled - margin && a.outcome().equals("answered")).count();
        long afterClosed = attempts.stream().filter(a -> a.sentNanos() >= signalled - margin && a.outcome().equals("closed")).count();
        long beforeAtAll = attempts.stream().filter(a -> a.sentNanos() >= 0 && a.sentNanos() < signalled).count();
        long beforeUnanswered = attempts.stream().filter(a -> a.sentNanos() >= 0 && a.sentNanos() < signalled
                && !a.outcome().equals("answered")).count();
        LoadFigures.record("FaultsIT", String.format("SIGTERM after 3 s of load (8 clients): %d requests sent 250 ms or more "
                + "before it, %d of them lost; %d sent before it at all, %d of them unanswered; in the last 250 ms and after "
                + "%d answered, %d closed unanswered; exit code %s",
                inFlight.size(), lost, beforeAtAll, beforeUnanswered, afterAnswered, afterClosed, code));
        assertEquals(0, lost, () -> "requests in flight at SIGTERM that got no answer: "
                + inFlight.stream().filter(a -> !a.outcome().equals("answered")).toList());
        assertTrue(attempts.stream().noneMatch(a -> a.outcome().equals("truncated")), "no answer arrives half");
        assertTrue(attempts.stream().noneMatch(a -> a.outcome().startsWith("status")), "answers are 200 or 503");
        assertTrue(inFlight.size() > 10, "there was load: " + inFlight.size());
        assertEquals(0, code, "exit code after SIGTERM");
        stopping = null;
    }
}
