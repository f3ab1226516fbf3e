package org.tessera.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One input format: recognises its files by their first bytes, parses what is worth keeping per
 * file, and opens sources on it. The repository tries the formats in order and caches each file's
 * description, so a new input format is one implementation of this in its own package, wired by
 * the composition root.
 *
 * @param <D> the parsed, immutable description of one file version (structure, levels, {@code ImageInfo})
 */
public interface ImageFormat<D> {

    /** How many leading bytes {@link #recognises} is shown (fewer for tiny files). */
    int HEAD_BYTES = 16;

    /** For logs: "TIFF", "JPEG 2000", ... */
    String name();

    /** True when {@code head} (the file's first bytes, at most {@link #HEAD_BYTES}) is this format's signature. */
    boolean recognises(ByteBuffer head);

    /**
     * Parses the file: called once per file version (path, mtime, size); the repository caches the result.
     *
     * @param file only for log lines and as a key of what the format keeps per file; read through {@code channel}
     * @throws IOException or an {@link org.tessera.error.ImageException} when the file cannot be served
     */
    D describe(FileChannel channel, Path file, Instant lastModified) throws IOException;

    /** A source reading {@code channel}, which it owns from now on and closes. */
    ImageSource open(FileChannel channel, D description) throws IOException;

    /** Describes and opens in one go, for tools and tests (the repository caches the description). */
    default ImageSource open(FileChannel channel, Path file, Instant lastModified) throws IOException {
        return open(channel, describe(channel, file, lastModified));
    }

    /** Drops what the format keeps across requests beyond the descriptions (SIGHUP). */
    default void clear() {
    }

    /** The remaining bytes of {@code head}, for formats that test a byte array. */
    static byte[] bytes(ByteBuffer head) {
        byte[] b = new byte[head.remaining()];
        head.duplicate().get(b);
        return b;
    }
}
