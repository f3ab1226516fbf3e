package org.tessera.error;

/** The request itself is wrong: a level, tile or page that does not exist, a size out of bounds. */
public final class InvalidRequestException extends ImageException {
    public InvalidRequestException(String message) {
        super(message, null);
    }
}
