package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private scratch folder for one test class (images, nginx prefix, sockets, logs). Kept short
 * and under /tmp because Unix socket paths are limited to 107 bytes.
 */
final class Scratch implements AutoCloseable {
    private final Path dir;

    Scratch(String prefix) {
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() { return dir; }

    Path resolve(String name) { return dir.resolve(name); }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in /tmp are harmless; never fail a test over cleanup
        }
    }
}
