package org.tessera.viewer;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds the TIFF images under the image root, as identifiers relative to it ("a/b.tif", always
 * with '/'). Symbolic links are followed only while their target stays inside the root, so the
 * listing never reveals files elsewhere on the machine.
 */
public final class ImageListing {
    static final int MAX_DEPTH = 16;
    static final int MAX_IMAGES = 5000;

    private final Path root;

    public ImageListing(Path root) {
        this.root = root;
    }

    /** Relative identifiers, sorted; empty when the root is missing or unreadable. */
    public List<String> images() {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        if (!Files.isDirectory(realRoot)) return List.of();
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(realRoot, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(realRoot) && (hidden(dir) || !inside(realRoot, dir))) return FileVisitResult.SKIP_SUBTREE;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isTiff(file) && !hidden(file) && inside(realRoot, file)) {
                        found.add(identifier(realRoot, file));
                    }
                    return found.size() >= MAX_IMAGES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable entries or link loops: skip, keep listing
                }
            });
        } catch (IOException e) {
            // a partial listing is still useful for a viewer page
        }
        found.sort(String::compareTo);
        return List.copyOf(found);
    }

    static boolean isTiff(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    /** The entry's real location (after links) is under the real root. */
    private static boolean inside(Path realRoot, Path p) {
        try {
            return p.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    /** Identifier as the walk reached it (link names kept), so it resolves under FILESYSTEM_PREFIX. */
    private static String identifier(Path realRoot, Path file) {
        Path rel = realRoot.relativize(file.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        for (Path part : rel) parts.add(part.toString());
        return String.join("/", parts);
    }
}
