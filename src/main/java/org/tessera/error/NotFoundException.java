package org.tessera.error;

/** What the request names does not exist: an image (missing, unreadable or outside the prefix alike), or a level, tile or page of one. */
public final class NotFoundException extends ImageException {
    public NotFoundException(String message) {
        super(message, null);
    }
}
