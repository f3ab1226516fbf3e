package org.tessera.http;

/** One response header line. */
public record Header(String name, String value) {
    public Header {
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header with a line break: " + name);
        }
    }
}
