package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A deployment recipe from config/, made runnable in a test by replacing its example addresses
 * and paths. Every replaced text must occur in the recipe: if the recipe changes, the test says so
 * instead of silently running something else.
 */
final class Recipe {
    static final Path CONFIG = Path.of("config").toAbsolutePath();

    private Recipe() {
    }

    static String render(String name, Map<String, String> replacements) {
        String text;
        try {
            text = Files.readString(CONFIG.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var r : replacements.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new IllegalStateException("config/" + name + " no longer contains '" + r.getKey() + "'");
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        return text;
    }

    /** Fails under CI=true (a tool the tests need is missing is a broken machine), else skips. */
    static void requireTool(boolean present, String what) {
        if (present) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(what + " is not installed (CI=true: .ci/run installs it)");
        org.junit.jupiter.api.Assumptions.assumeTrue(false, what + " is not installed");
    }
}
