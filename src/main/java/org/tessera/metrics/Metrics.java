package org.tessera.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.tessera.cache.TierStats;
import org.tessera.service.RenderStats;

/**
 * The process's metrics, in a private Prometheus registry: requests by protocol and status,
 * latency, bytes out (observed by the request handler), cache tiers, where answers came from, the
 * render queue and JVM memory (read from their owners when scraped). {@link StatusReport} reads
 * the same registry, so the JSON status and the Prometheus text never disagree.
 */
public final class Metrics {
    /** Latency buckets from a RAM hit (well under a millisecond) to a large export (seconds). */
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Counter bytesOut;
    private final long startNanos = System.nanoTime();

    public Metrics(Supplier<List<TierStats>> caches, Supplier<RenderStats> render) {
        requests = Counter.builder().name("tessera_requests").help("Requests answered, by protocol and HTTP status")
                .labelNames("protocol", "status").register(registry);
        latency = Histogram.builder().name("tessera_request_duration_seconds")
                .help("Time from request to complete response inside Tessera, by protocol")
                .labelNames("protocol").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        bytesOut = Counter.builder().name("tessera_response_bytes").help("Response body bytes sent, by protocol")
                .labelNames("protocol").register(registry);

        tierCounter("tessera_cache_hits", "Cache lookups answered, by tier", caches, TierStats::hits);
        tierCounter("tessera_cache_misses", "Cache lookups not answered, by tier", caches, TierStats::misses);
        tierCounter("tessera_cache_errors", "Cache lookups or stores that failed (answered as misses), by tier",
                caches, TierStats::errors);
        tierCounter("tessera_cache_stores", "Results stored, by tier", caches, TierStats::stores);
        tierCounter("tessera_cache_skipped", "Results a tier declined to store (kind or size), by tier", caches,
                TierStats::skipped);
        tierCounter("tessera_cache_evictions", "Entries evicted to stay within the size bound, by tier", caches,
                TierStats::evictions);
        tierGauge("tessera_cache_entries", "Entries held, by in-process tier", caches, TierStats::entries);
        tierGauge("tessera_cache_bytes", "Accounted bytes held, by in-process tier", caches, TierStats::bytes);

        CounterWithCallback.builder().name("tessera_results")
                .help("Images answered, by origin: cache (any tier), passthrough (stored tile sent as is), "
                        + "encoded (tile decoded and encoded), rendered (region or transformed rendition)")
                .labelNames("origin")
                .callback(cb -> {
                    RenderStats s = render.get();
                    cb.call(s.cached(), "cache");
                    cb.call(s.passThrough(), "passthrough");
                    cb.call(s.encoded(), "encoded");
                    cb.call(s.rendered(), "rendered");
                }).register(registry);
        GaugeWithCallback.builder().name("tessera_render_queue_depth").help("Renders waiting for a worker")
                .callback(cb -> cb.call(render.get().queued())).register(registry);
        CounterWithCallback.builder().name("tessera_render_rejections")
                .help("Renders refused with 503 because the queue was full")
                .callback(cb -> cb.call(render.get().rejected())).register(registry);
        JvmMemoryMetrics.builder().register(registry);
    }

    private void tierCounter(String name, String help, Supplier<List<TierStats>> caches, ToLongFunction<TierStats> f) {
        CounterWithCallback.builder().name(name).help(help).labelNames("tier")
                .callback(cb -> caches.get().forEach(t -> cb.call(f.applyAsLong(t), t.tier()))).register(registry);
    }

    private void tierGauge(String name, String help, Supplier<List<TierStats>> caches, ToLongFunction<TierStats> f) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("tier")
                .callback(cb -> caches.get().forEach(t -> {
                    long v = f.applyAsLong(t);
                    if (v >= 0) cb.call(v, t.tier());
                })).register(registry);
    }

    /** Records one answered request. */
    public void observe(String protocol, int status, long nanos, long bodyBytes) {
        requests.labelValues(protocol, Integer.toString(status)).inc();
        latency.labelValues(protocol).observe(nanos / 1e9);
        if (bodyBytes > 0) bytesOut.labelValues(protocol).inc(bodyBytes);
    }

    public MetricSnapshots snapshot() { return registry.scrape(); }

    public double uptimeSeconds() { return (System.nanoTime() - startNanos) / 1e9; }

    /** The Prometheus text exposition format (version 0.0.4). */
    public byte[] prometheusText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String prometheusContentType() { return PrometheusTextFormatWriter.CONTENT_TYPE; }

    /** The JSON status: the same figures, summed up for a person or a simple probe. */
    public String statusJson(String version) {
        return new StatusReport(this).json(version);
    }
}
