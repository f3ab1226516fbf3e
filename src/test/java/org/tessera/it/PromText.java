package org.tessera.it;

import java.util.HashMap;
import java.util.Map;

/** Reads the Prometheus text format the simple way a test needs: "name{labels}" -> value. */
final class PromText {
    private PromText() {
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            try {
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return out;
    }
}
