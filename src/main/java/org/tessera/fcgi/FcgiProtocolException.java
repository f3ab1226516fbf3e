package org.tessera.fcgi;

import java.io.IOException;

/**
 * The peer broke the FastCGI protocol (bad version, truncated record, oversized stream, ...).
 * The connection is closed with one warning; the message names the problem for that log line.
 */
public class FcgiProtocolException extends IOException {
    public FcgiProtocolException(String message) {
        super(message);
    }
}
