package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every web-server recipe must show with several instances and memcached: the load is
 * spread, one instance's results are answered by another from memcached without touching the
 * image, and killing or restarting instances under load loses nothing the web server can retry.
 */
final class ScaleOutChecks {
    static final String IMAGE = ItSupport.IMAGE;

    private ScaleOutChecks() {
    }

    /** Distinct requests: whole tiles through IIP, and renditions through IIP CVT and IIIF. */
    static List<String> requests(int tiles, int renditions, int salt) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tiles; i++) out.add("/fcgi-bin/iipsrv.fcgi?FIF=" + IMAGE + "&JTL=3," + ((i + salt) % 30));
        for (int i = 0; i < renditions; i++) {
            out.add(i % 2 == 0 ? "/fcgi-bin/iipsrv.fcgi?FIF=" + IMAGE + "&WID=" + (200 + salt + i) + "&CVT=jpeg"
                    : "/iiif/" + IMAGE + "/0,0,900,700/" + (150 + salt + i) + ",/0/default.jpg");
        }
        return out;
    }

    /** Sends every request with {@code threads} clients; the replies in order. */
    static List<Http.Reply> fetchAll(String base, List<String> paths, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Http.Reply>> f = new ArrayList<>();
            for (String p : paths) f.add(pool.submit(() -> Http.get(base + p)));
            List<Http.Reply> out = new ArrayList<>();
            for (Future<Http.Reply> r : f) out.add(r.get());
            return out;
        }
    }

    static void assertAllImages(List<Http.Reply> replies) {
        for (Http.Reply r : replies) {
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.contentType().startsWith("image/"), r::toString);
        }
    }

    private static double served(Instances.Instance in) {
        return in.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("tessera_requests_total{"))
                .mapToDouble(java.util.Map.Entry::getValue).sum();
    }

    static void requestsSpreadOverInstances(WebFront front, Instances instances) throws Exception {
        double[] before = instances.all.stream().mapToDouble(ScaleOutChecks::served).toArray();
        assertAllImages(fetchAll(front.baseUrl(), requests(30, 10, 1), 8));
        for (int i = 0; i < instances.all.size(); i++) {
            Instances.Instance in = instances.get(i);
            assertTrue(served(in) > before[i], in.name + " got none of the requests\n" + front.diagnostics());
        }
    }

    static final String MEMCACHED_HITS = "tessera_cache_hits_total{tier=\"memcached\"}";
    static final String MEMCACHED_ERRORS = "tessera_cache_errors_total{tier=\"memcached\"}";
    static final String FROM_CACHE = "tessera_results_total{origin=\"cache\"}";
    static final List<String> FROM_IMAGE = List.of("tessera_results_total{origin=\"passthrough\"}",
            "tessera_results_total{origin=\"encoded\"}", "tessera_results_total{origin=\"rendered\"}");

    /**
     * The first instance answers a set of requests directly (so they land in memcached); then the
     * same set goes through the web server. The second instance, which never saw them, answers its
     * share from memcached: its hits grow by the number it served and it reads nothing from the
     * image. The bytes are the first instance's.
     */
    static void anotherInstancesResultsComeFromMemcached(WebFront front, Instances instances, MemcachedProcess memcached)
            throws Exception {
        Instances.Instance first = instances.get(0), second = instances.get(1);
        List<String> set = requests(16, 8, 7);
        List<Http.Reply> original = fetchAll(first.direct(), set, 4);
        assertAllImages(original);
        Ports.await(() -> memcached.stat("curr_items") >= set.size(), () -> true, java.time.Duration.ofSeconds(10));
        assertEquals(set.size(), memcached.stat("curr_items"), "every tile and rendition stored once");

        var before = second.metrics();
        double servedBefore = served(second);
        // a few rounds, so that the balancer surely sends some of them to the second instance
        for (int round = 0; round < 3; round++) {
            List<Http.Reply> again = fetchAll(front.baseUrl(), set, 4);
            for (int i = 0; i < set.size(); i++) {
                assertEquals(200, again.get(i).status(), again.get(i)::toString);
                assertArrayEquals(original.get(i).body(), again.get(i).body(), set.get(i));
            }
        }
        var after = second.metrics();
        double servedBySecond = served(second) - servedBefore;
        assertTrue(servedBySecond > 0, "the web server sent nothing to " + second.name);
        double hits = after.getOrDefault(MEMCACHED_HITS, 0.0) - before.getOrDefault(MEMCACHED_HITS, 0.0);
        assertTrue(hits > 0, "no memcached hit on " + second.name);
        // A lookup that memcached does not answer within its bound is served from the image (on a
        // loaded machine that can happen): such a request is counted as a memcached error.
        double errors = after.getOrDefault(MEMCACHED_ERRORS, 0.0) - before.getOrDefault(MEMCACHED_ERRORS, 0.0);
        double fromCache = after.getOrDefault(FROM_CACHE, 0.0) - before.getOrDefault(FROM_CACHE, 0.0);
        double fromImage = 0;
        for (String origin : FROM_IMAGE) fromImage += after.getOrDefault(origin, 0.0) - before.getOrDefault(origin, 0.0);
        assertEquals(servedBySecond, fromCache + fromImage, "every answer has one origin");
        assertTrue(fromImage <= errors, fromImage + " answers read the image but only " + errors
                + " memcached lookups failed: the second instance touched the image for a result memcached had");
        assertTrue(memcached.stat("get_hits") >= hits, "memcached's own counter agrees");
    }

    /**
     * Load with 8 clients; after a quarter of it, the victim is killed (SIGKILL, its connections
     * break). Every request that the web server can retry on another instance is answered. When
     * {@code retriesSentRequests} (nginx with fastcgi_next_upstream, Apache's balancer), that is
     * every request; otherwise (lighttpd does not send a request twice) the requests the victim had
     * already received may fail: at most one per client of those sent before the signal, any sent
     * while the victim was dying (it may still accept a connection it never answers), and none of
     * those sent once it is gone.
     */
    static void killingAnInstanceMidLoadLosesNothing(WebFront front, Instances instances, Instances.Instance victim,
                                                     boolean retriesSentRequests) throws Exception {
        int threads = 8;
        List<String> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) load.addAll(requests(30, 20, 100 + i * 40));
        AtomicInteger done = new AtomicInteger();
        record Outcome(long startedNanos, String path, Http.Reply reply) { }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Outcome>> f = new ArrayList<>();
            for (String p : load) {
                f.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    Http.Reply r = Http.get(front.baseUrl() + p);
                    done.incrementAndGet();
                    return new Outcome(started, p, r);
                }));
            }
            Ports.await(() -> done.get() >= load.size() / 4, () -> true, java.time.Duration.ofSeconds(60));
            long signalled = System.nanoTime();
            instances.kill(victim);
            long gone = System.nanoTime();
            int failedBefore = 0, failedDying = 0, failedAfter = 0;
            StringBuilder why = new StringBuilder();
            for (Future<Outcome> r : f) {
                Outcome o = r.get();
                if (o.reply().status() == 200) continue;
                if (o.startedNanos() > gone) failedAfter++;
                else if (o.startedNanos() > signalled) failedDying++;
                else failedBefore++;
                if (why.length() < 2000) why.append(o.path()).append(" -> ").append(o.reply()).append('\n');
            }
            String report = "requests lost when " + victim.name + " was killed (" + failedBefore + " sent before the signal, "
                    + failedDying + " while it died, " + failedAfter + " after):\n" + why + front.diagnostics();
            assertEquals(0, failedAfter, report);
            if (retriesSentRequests) assertEquals(0, failedBefore + failedDying, report);
            else assertTrue(failedBefore <= threads, report);
        }
    }

    /** Every instance in turn is stopped gracefully and started again while clients keep asking. */
    static void rollingRestartLosesNothing(WebFront front, Instances instances) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        StringBuilder why = new StringBuilder();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                int client = t;
                pool.submit(() -> {
                    for (int i = 0; running.get() && i < 100_000; i++) {
                        List<String> one = requests(1, 1, client * 1000 + i);
                        for (String p : one) {
                            Http.Reply r = Http.get(front.baseUrl() + p);
                            sent.incrementAndGet();
                            if (r.status() != 200) {
                                failed.incrementAndGet();
                                synchronized (why) {
                                    if (why.length() < 2000) why.append(p).append(" -> ").append(r).append('\n');
                                }
                            }
                        }
                    }
                });
            }
            for (Instances.Instance in : instances.all) {
                instances.restart(in);
                // as an operator would: the next one only once the web server uses this one again
                Ports.await(() -> served(in) > 0, () -> true, java.time.Duration.ofSeconds(30));
                int mark = sent.get();
                Ports.await(() -> sent.get() > mark + 20, () -> true, java.time.Duration.ofSeconds(30));
            }
            running.set(false);
        }
        assertTrue(sent.get() > 40, "load ran");
        assertEquals(0, failed.get(), "requests lost in a rolling restart (" + sent.get() + " sent):\n" + why
                + front.diagnostics());
    }
}
