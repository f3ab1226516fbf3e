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
