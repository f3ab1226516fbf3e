package org.tessera.source.tiff;

import java.io.IOException;

/** The file is not a TIFF this reader can trust: truncated, corrupt, or with absurd sizes. */
public class TiffFormatException extends IOException {
    public TiffFormatException(String message) {
        super(message);
    }
}
