package org.tessera.error;

/** The file exists but its content cannot be read or decoded; the detail goes to the log, not the client. */
public final class CorruptImageException extends ImageException {
    public CorruptImageException(String message) {
        super(message, null);
    }

    public CorruptImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
