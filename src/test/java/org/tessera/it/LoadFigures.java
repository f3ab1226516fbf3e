package org.tessera.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Figures the load and fault tests measure: printed, and appended to target/load-figures.txt so a
 * run leaves them for docs/hardening.md. Never asserted on: timing belongs in reports, not tests.
 */
final class LoadFigures {
    private static final Path FILE = Path.of("target", "load-figures.txt");

    private LoadFigures() {
    }

    static void record(String test, String line) {
        String text = test + ": " + line;
        System.out.println(text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not write " + FILE + ": " + e + ")");
        }
    }

    /** Latencies in ms: "n=.. p50 .. p95 .. max ..". */
    static String latencies(List<Double> ms) {
        if (ms.isEmpty()) return "n=0";
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", s.size(), pct(s, 50), pct(s, 95),
                pct(s, 99), s.get(s.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
