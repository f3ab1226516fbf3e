package org.tessera.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The iipsrv variables Tessera reads (and validates) but does not act on yet. A variable must
 * never silently do nothing: each one that is set gets one warning at startup. Remove an entry
 * when its feature lands.
 */
public final class UnappliedVariables {
    private record Entry(String variable, String consequence) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("WATERMARK", "watermarking is not implemented yet: no watermark is applied"),
            new Entry("WATERMARK_PROBABILITY", "watermarking is not implemented yet"),
            new Entry("WATERMARK_OPACITY", "watermarking is not implemented yet"),
            new Entry("MEMCACHED_SERVERS", "the memcached layer is not implemented yet: only the in-RAM cache is used"),
            new Entry("MEMCACHED_TIMEOUT", "the memcached layer is not implemented yet"),
            new Entry("FILENAME_PATTERN", "image sequences are not implemented yet"),
            new Entry("MAX_LAYERS", "JPEG2000 input is not implemented yet"),
            new Entry("MAX_ICC", "ICC profiles are not embedded in output yet"),
            new Entry("IIIF_EXTENSIONS", "the IIIF processing qualities are not implemented yet"),
            new Entry("KAKADU_READMODE", "Tessera has no Kakadu decoder: the setting has no effect"));

    private UnappliedVariables() {
    }

    /** One line for each variable of the environment that is set but not acted on. */
    public static List<String> warnings(Map<String, String> env) {
        List<String> lines = new ArrayList<>();
        for (Entry e : ENTRIES) {
            String v = env.get(e.variable());
            if (v != null && !v.isBlank()) lines.add(e.variable() + " is set but not applied: " + e.consequence());
        }
        return lines;
    }
}
