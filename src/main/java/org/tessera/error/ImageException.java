package org.tessera.error;

/**
 * A failure of the image engine, in its own terms. Everything below the protocols (sources,
 * pipeline, codecs, caches, service) throws one of these and knows nothing of HTTP; the protocol
 * layer maps each kind onto an HTTP status and an IIP error code in one place. The message is
 * client-safe: never a filesystem path or a stack trace.
 */
public abstract sealed class ImageException extends RuntimeException
        permits NotFoundException, UnsupportedImageException, InvalidRequestException,
        CorruptImageException, OverloadedException {

    protected ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
