package org.tessera.error;

/** The identifier names no image this server may serve: missing, unreadable or outside the prefix alike. */
public final class ImageNotFoundException extends ImageException {
    public ImageNotFoundException(String message) {
        super(message, null);
    }
}
