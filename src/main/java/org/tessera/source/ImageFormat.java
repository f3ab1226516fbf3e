package org.tessera.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One input format other than TIFF: recognised by its first bytes, opened over a channel the
 * caller has opened (and which the returned source owns from then on).
 */
public interface ImageFormat {
    /** Leading bytes every format can decide on. */
    int MAGIC_LENGTH = 16;

    /** For log lines. */
    String name();

    /** @param head the file's first bytes, {@code length} of them valid (fewer for tiny files) */
    boolean recognises(byte[] head, int length);

    /**
     * @param file only for log lines and cache keys; read through {@code channel}
     * @throws org.tessera.error.ImageException when the file is corrupt or uses something unsupported
     */
    ImageSource open(FileChannel channel, Path file, Instant lastModified) throws IOException;

    /** Drops what the format keeps across requests (SIGHUP). */
    default void clear() {
    }
}
