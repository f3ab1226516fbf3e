package org.tessera.source;

import org.tessera.error.InvalidRequestException;
import org.tessera.error.NotFoundException;

/**
 * Turns a request's image identifier into an opened source, confined to FILESYSTEM_PREFIX, with
 * metadata cached and revalidated against the file's modification time.
 */
public interface ImageRepository {

    /**
     * @param identifier the image path relative to FILESYSTEM_PREFIX, already percent-decoded once
     * @throws NotFoundException when the file is missing, unreadable, outside the prefix or not an
     *                           image; {@link org.tessera.error.UnsupportedImageException} for an image
     *                           this build cannot read; {@link InvalidRequestException} when the
     *                           identifier is malformed
     */
    ImageSource open(String identifier);

    /** Drops every cached source and metadata entry (SIGHUP). */
    void clear();
}
