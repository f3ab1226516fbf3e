package org.tessera.http;

/**
 * A failure that maps onto an HTTP status with a one-line, client-safe message (never a
 * filesystem path or a stack trace). Thrown by protocol, source and pipeline code; the router
 * turns it into a text/plain response and a log line.
 */
public class HttpError extends RuntimeException {
    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public HttpError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() { return status; }

    public static HttpError badRequest(String message) { return new HttpError(400, message); }

    public static HttpError notFound(String message) { return new HttpError(404, message); }

    public static HttpError notImplemented(String message) { return new HttpError(501, message); }
}
