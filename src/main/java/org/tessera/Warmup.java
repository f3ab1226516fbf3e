package org.tessera;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.tessera.config.ConfigException;

/**
 * TESSERA_WARMUP: a pyramidal TIFF the server serves to itself before it accepts connections, so
 * that the first requests from the web server find the hot paths compiled instead of paying for
 * the JIT. The start takes that much longer (at most {@link #MAX_MILLIS}); a web server that
 * starts processes on demand sees the difference once, a busy site on every start.
 */
final class Warmup {
    static final String VARIABLE = "TESSERA_WARMUP";
    /** Tile passes after the first full one: enough for the tile path to reach its compiled form. */
    static final int TILE_PASSES = 12;
    static final long MAX_MILLIS = 3000;
    static final long IDLE_WAIT_MILLIS = 1000;

    private Warmup() {
    }

    /** The image to warm up on; empty when the variable is unset, empty or 0. */
    static Optional<Path> image(Map<String, String> env) {
        String value = env.getOrDefault(VARIABLE, "").trim();
        if (value.isEmpty() || value.equals("0")) return Optional.empty();
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(VARIABLE, value, "not a readable file (a pyramidal TIFF to warm up on, or 0 for none)");
        }
        return Optional.of(path);
    }

    /** Runs the warm-up; a failure is logged and never keeps the server from starting. */
    static void run(Path image, Logger log) {
        try {
            Training.Outcome o = Training.warmUp(image, TILE_PASSES, MAX_MILLIS);
            if (o.failures() > 0) {
                log.warn("Warm-up on {}: {} of {} requests failed ({} ms)", image, o.failures(), o.requests(), o.millis());
            } else {
                log.info("Warm-up on {}: {} requests in {} ms", image, o.requests(), o.millis());
            }
        } catch (Exception e) {
            log.warn("Warm-up on {} failed, starting without it: {}", image, e.toString());
        }
        // what the warm-up instance left behind goes now, so the heap starts serving at its initial size
        System.gc();
        awaitIdleCompiler(IDLE_WAIT_MILLIS);
    }

    /**
     * Waits (at most {@code maxMillis}) until the JIT has compiled nothing for a while: methods the
     * warm-up made hot are queued for the optimising compiler, and compiling them while the first
     * requests are served would take the CPU those requests need.
     */
    static void awaitIdleCompiler(long maxMillis) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return;
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long last = jit.getTotalCompilationTime();
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(50);
                long now = jit.getTotalCompilationTime();
                if (now == last) return;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
