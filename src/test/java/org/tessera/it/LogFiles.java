package org.tessera.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the tail of a log file for failure messages. */
final class LogFiles {
    private static final int MAX = 16_000;

    private LogFiles() {
    }

    static String tail(Path file) {
        if (file == null || !Files.isRegularFile(file)) return "(no " + file + ")";
        try {
            byte[] b = Files.readAllBytes(file);
            int from = Math.max(0, b.length - MAX);
            return (from > 0 ? "...\n" : "") + new String(b, from, b.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e.getMessage() + ")";
        }
    }

    static String section(String title, Path file) {
        return "----- " + title + " (" + file + ")\n" + tail(file) + "\n";
    }
}
