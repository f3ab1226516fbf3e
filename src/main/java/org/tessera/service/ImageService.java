package org.tessera.service;

import org.tessera.request.ImageRequest;
import org.tessera.source.ImageSource;

/**
 * Runs an image request against an opened source: picks the pyramid level, reads tiles (through
 * the tile cache), applies the operations, encodes (or passes the stored tile through).
 * Thread-safe; bounds CPU-heavy work and memory (see {@link Admission}): throws
 * {@link org.tessera.error.OverloadedException} when overloaded and
 * {@link org.tessera.error.InvalidRequestException} for a render that could never fit.
 */
public interface ImageService {
    RenderedImage render(ImageSource source, ImageRequest request);

    /** Empties the in-RAM caches (SIGHUP). */
    void clearCaches();
}
