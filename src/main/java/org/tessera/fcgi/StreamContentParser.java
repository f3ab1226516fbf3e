package org.tessera.fcgi;

import java.io.ByteArrayOutputStream;

/** Collects one input byte stream (STDIN or DATA) of a request up to a cap; an empty record ends it. */
final class StreamContentParser {
    private final String name;
    private final long maxBytes;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private boolean ended;

    StreamContentParser(String name, long maxBytes) {
        this.name = name;
        this.maxBytes = maxBytes;
    }

    void accept(byte[] content) throws FcgiProtocolException {
        if (ended) {
            throw new FcgiProtocolException(name + " record after the end of the " + name + " stream");
        }
        if (content.length == 0) {
            ended = true;
            return;
        }
        if ((long) collected.size() + content.length > maxBytes) {
            throw new FcgiProtocolException(name + " stream larger than " + maxBytes + " bytes");
        }
        collected.writeBytes(content);
    }

    boolean ended() { return ended; }

    byte[] bytes() { return collected.toByteArray(); }
}
