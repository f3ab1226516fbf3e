package org.tessera.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON status page, computed from one scrape of the Prometheus registry: totals by protocol and
 * status, mean latency, bytes out, answers by origin with the pass-through share, every cache tier,
 * the render queue and heap use. Label values are our own tokens (protocol, tier, origin, status),
 * so they need no escaping beyond the quote.
 */
final class StatusReport {
    private final Metrics metrics;
    private final MetricSnapshots snapshot;

    StatusReport(Metrics metrics) {
        this.metrics = metrics;
        this.snapshot = metrics.snapshot();
    }

    String json(String version) {
        StringBuilder j = new StringBuilder(1024).append("{\n");
        j.append("  \"version\": ").append(quote(version)).append(",\n");
        j.append("  \"uptimeSeconds\": ").append(number(metrics.uptimeSeconds())).append(",\n");
        j.append("  \"requests\": {\"total\": ").append(whole(sum("tessera_requests", null, null)))
                .append(", \"byProtocol\": ").append(object(byLabel("tessera_requests", "protocol")))
                .append(", \"byStatus\": ").append(object(byLabel("tessera_requests", "status"))).append("},\n");
        double[] lat = latency();
        j.append("  \"latency\": {\"count\": ").append(whole(lat[0])).append(", \"meanSeconds\": ")
                .append(number(lat[0] == 0 ? 0 : lat[1] / lat[0])).append("},\n");
        j.append("  \"bytesOut\": ").append(whole(sum("tessera_response_bytes", null, null))).append(",\n");
        Map<String, Double> origins = byLabel("tessera_results", "origin");
        double answered = origins.values().stream().mapToDouble(Double::doubleValue).sum();
        j.append("  \"results\": ").append(object(origins, "\"passThroughShare\": "
                + number(answered == 0 ? 0 : origins.getOrDefault("passthrough", 0.0) / answered))).append(",\n");
        j.append("  \"caches\": {");
        String sep = "";
        for (String tier : byLabel("tessera_cache_hits", "tier").keySet()) {
            j.append(sep).append(quote(tier)).append(": {");
            String inner = "";
            for (String m : new String[] {"hits", "misses", "errors", "stores", "skipped", "evictions", "entries", "bytes"}) {
                Double v = byLabel("tessera_cache_" + m, "tier").get(tier);
                if (v == null) continue;
                j.append(inner).append(quote(m)).append(": ").append(whole(v));
                inner = ", ";
            }
            j.append('}');
            sep = ", ";
        }
        j.append("},\n");
        j.append("  \"render\": {\"queueDepth\": ").append(whole(sum("tessera_render_queue_depth", null, null)))
                .append(", \"rejections\": ").append(whole(sum("tessera_render_rejections", null, null))).append("},\n");
        j.append("  \"memory\": {\"heapUsedBytes\": ").append(whole(sum("jvm_memory_used_bytes", "area", "heap")))
                .append(", \"heapMaxBytes\": ").append(whole(sum("jvm_memory_max_bytes", "area", "heap")))
                .append(", \"nonHeapUsedBytes\": ").append(whole(sum("jvm_memory_used_bytes", "area", "nonheap")))
                .append("}\n}\n");
        return j.toString();
    }

    private MetricSnapshot metric(String name) {
        for (MetricSnapshot m : snapshot) {
            if (m.getMetadata().getName().equals(name)) return m;
        }
        return null;
    }

    private static double value(DataPointSnapshot p) {
        return switch (p) {
            case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
            case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
            default -> 0;
        };
    }

    /** Sum of a counter or gauge, over the points whose {@code label} is {@code value} (all when null). */
    private double sum(String name, String label, String value) {
        MetricSnapshot m = metric(name);
        if (m == null) return 0;
        double total = 0;
        for (DataPointSnapshot p : m.getDataPoints()) {
            if (label == null || value.equals(p.getLabels().get(label))) total += value(p);
        }
        return total;
    }

    private Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> out = new TreeMap<>();
        MetricSnapshot m = metric(name);
        if (m == null) return out;
        for (DataPointSnapshot p : m.getDataPoints()) {
            Labels l = p.getLabels();
            String key = l.get(label);
            if (key != null) out.merge(key, value(p), Double::sum);
        }
        return out;
    }

    /** {count, sum} over every protocol. */
    private double[] latency() {
        double count = 0, sum = 0;
        if (metric("tessera_request_duration_seconds") instanceof HistogramSnapshot h) {
            for (HistogramSnapshot.HistogramDataPointSnapshot p : h.getDataPoints()) {
                count += p.getCount();
                sum += p.getSum();
            }
        }
        return new double[] {count, sum};
    }

    private static String object(Map<String, Double> values) { return object(values, null); }

    private static String object(Map<String, Double> values, String extra) {
        StringBuilder b = new StringBuilder("{");
        String sep = "";
        for (var e : values.entrySet()) {
            b.append(sep).append(quote(e.getKey())).append(": ").append(whole(e.getValue()));
            sep = ", ";
        }
        if (extra != null) b.append(sep).append(extra);
        return b.append('}').toString();
    }

    private static String whole(double v) { return Long.toString(Math.round(v)); }

    private static String number(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
