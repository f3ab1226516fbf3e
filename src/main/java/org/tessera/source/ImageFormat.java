package org.tessera.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;

/**
 * One input format: recognises its files by their first bytes, parses what is worth keeping per
 * file, and opens sources on it. The repository tries the formats in order and caches each file's
 * description, so a new input format is one implementation of this in its own package, wired by
 * the composition root.
 *
 * @param <D> the parsed, immutable description of one file (structure, levels, {@code ImageInfo})
 */
public interface ImageFormat<D> {

    /** For logs: "TIFF", "JPEG2000", ... */
    String name();

    /** True when {@code head} (the file's first bytes, at most {@link #HEAD_BYTES}) is this format's signature. */
    boolean recognises(ByteBuffer head);

    /**
     * Parses the file: called once per file and modification time; the repository caches the result.
     *
     * @throws IOException or an {@link org.tessera.error.ImageException} when the file cannot be served
     */
    D describe(FileChannel channel, Instant lastModified) throws IOException;

    /** A source reading {@code channel}, which it owns from now on and closes. */
    ImageSource open(FileChannel channel, D description);

    /** How many leading bytes {@link #recognises} is shown. */
    int HEAD_BYTES = 16;
}
