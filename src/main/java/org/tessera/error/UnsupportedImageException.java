package org.tessera.error;

/** A well-formed request or file that uses something this build cannot do (a format, a sample type, a feature). */
public final class UnsupportedImageException extends ImageException {
    public UnsupportedImageException(String message) {
        super(message, null);
    }
}
