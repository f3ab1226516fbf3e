package org.tessera.error;

/** The server has no capacity for this request now; the client should retry after {@code retryAfterSeconds}. */
public final class OverloadedException extends ImageException {
    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(message, null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() { return retryAfterSeconds; }
}
