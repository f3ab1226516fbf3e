package org.tessera.fcgi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the PARAMS stream of one request and decodes its name-value pairs once the stream ends.
 * Pairs may straddle record boundaries, so decoding waits for the terminating empty record; the
 * total is capped because a web server never sends megabytes of CGI variables.
 */
final class ParamsParser {
    private final int maxBytes;
    /** The stream's only record so far: web servers send all the parameters in one, decoded where it lies. */
    private byte[] single;
    /** The stream once it spans records. */
    private ByteArrayOutputStream collected;
    private Map<String, String> params;

    ParamsParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Feeds one PARAMS record body; an empty one ends the stream. */
    void accept(byte[] content) throws FcgiProtocolException {
        if (params != null) {
            throw new FcgiProtocolException("PARAMS record after the end of the PARAMS stream");
        }
        if (content.length == 0) {
            params = decode(collected != null ? collected.toByteArray() : single != null ? single : content);
            single = null;
            collected = null;
            return;
        }
        int size = collected != null ? collected.size() : single != null ? single.length : 0;
        if ((long) size + content.length > maxBytes) {
            throw new FcgiProtocolException("PARAMS stream larger than " + maxBytes + " bytes");
        }
        if (size == 0) {
            single = content; // the record's own array, which nothing else holds
            return;
        }
        if (collected == null) {
            collected = new ByteArrayOutputStream(size + content.length);
            collected.writeBytes(single);
            single = null;
        }
        collected.writeBytes(content);
    }

    boolean ended() { return params != null; }

    /** The decoded pairs, once the stream has ended. */
    Map<String, String> params() { return params; }

    /** Decodes name-value pairs (1-byte lengths below 128, else 4-byte with the top bit set). */
    static Map<String, String> decode(byte[] b) throws FcgiProtocolException {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            int nameLength = length(b, pos);
            int valueLength = length(b, pos);
            if ((long) nameLength + valueLength > b.length - pos[0]) {
                throw new FcgiProtocolException("name-value pair longer than its stream");
            }
            String name = new String(b, pos[0], nameLength, StandardCharsets.ISO_8859_1);
            String value = new String(b, pos[0] + nameLength, valueLength, StandardCharsets.UTF_8);
            pos[0] += nameLength + valueLength;
            out.put(name, value);
        }
        return out;
    }

    private static int length(byte[] b, int[] pos) throws FcgiProtocolException {
        int p = pos[0];
        if (p >= b.length) {
            throw new FcgiProtocolException("truncated name-value length");
        }
        if ((b[p] & 0x80) == 0) {
            pos[0] = p + 1;
            return b[p];
        }
        if (p + 4 > b.length) {
            throw new FcgiProtocolException("truncated 4-byte name-value length");
        }
        pos[0] = p + 4;
        return (b[p] & 0x7F) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
