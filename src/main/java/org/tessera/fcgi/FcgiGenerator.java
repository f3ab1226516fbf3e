package org.tessera.fcgi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds output records. Each returned {@code ByteBuffer[]} is one write unit: the connection
 * writes it whole under its write lock, so responses of different requests interleave only
 * between units. Bodies are wrapped, not copied.
 */
final class FcgiGenerator {
    private static final ByteBuffer PADDING = ByteBuffer.allocate(8).asReadOnlyBuffer();

    /**
     * A complete response: STDOUT records of at most 65535 content bytes, the empty STDOUT that
     * ends the stream and END_REQUEST. The last two travel with the last data record.
     */
    List<ByteBuffer[]> response(int requestId, byte[] stdout, int appStatus) {
        byte[] head = new byte[Fcgi.HEADER_LENGTH];
        return response(requestId, head, stdout, appStatus);
    }

    /**
     * A complete response whose STDOUT stream is {@code head} (from byte 8 on: its first eight
     * bytes are free and receive the first record's header) followed by {@code body}. Neither is
     * copied: records are slices of the two arrays, so a tile goes from the array it was read
     * into straight to the socket. A response of up to 65535 bytes is one write unit of three
     * buffers: record header + CGI head, body, then padding + end of stream + END_REQUEST.
     */
    List<ByteBuffer[]> response(int requestId, byte[] head, byte[] body, int appStatus) {
        return response(requestId, head, body, body.length, appStatus);
    }

    /** As {@link #response(int, byte[], byte[], int)} with the first {@code bodyLength} bytes of {@code body}. */
    List<ByteBuffer[]> response(int requestId, byte[] head, byte[] body, int bodyLength, int appStatus) {
        int headLength = head.length - Fcgi.HEADER_LENGTH;
        long total = (long) headLength + bodyLength;
        List<ByteBuffer[]> units = new ArrayList<>(1 + (int) (total / Fcgi.MAX_CONTENT));
        long offset = 0;
        do {
            int length = (int) Math.min(Fcgi.MAX_CONTENT, total - offset);
            boolean last = offset + length == total;
            List<ByteBuffer> unit = new ArrayList<>(4);
            RecordHeader header = RecordHeader.of(Fcgi.STDOUT, requestId, length);
            int headFrom = (int) Math.min(offset, headLength);
            int headTo = (int) Math.min(offset + length, headLength);
            if (offset == 0) {
                System.arraycopy(header.encode(), 0, head, 0, Fcgi.HEADER_LENGTH);
                unit.add(ByteBuffer.wrap(head, 0, Fcgi.HEADER_LENGTH + headTo));
            } else {
                unit.add(ByteBuffer.wrap(header.encode()));
                if (headTo > headFrom) unit.add(ByteBuffer.wrap(head, Fcgi.HEADER_LENGTH + headFrom, headTo - headFrom));
            }
            int bodyFrom = (int) Math.max(0, offset - headLength);
            int bodyTo = (int) Math.max(0, offset + length - headLength);
            if (bodyTo > bodyFrom) unit.add(ByteBuffer.wrap(body, bodyFrom, bodyTo - bodyFrom));
            if (last) {
                unit.add(ByteBuffer.wrap(trailer(requestId, header.paddingLength(), length > 0, appStatus)));
            } else if (header.paddingLength() > 0) {
                unit.add(PADDING.duplicate().limit(header.paddingLength()));
            }
            units.add(unit.toArray(ByteBuffer[]::new));
            offset += length;
        } while (offset < total);
        return units;
    }

    /** Padding of the last data record, the empty STDOUT record (unless that was the last) and END_REQUEST, in one array. */
    private static byte[] trailer(int requestId, int padding, boolean endStream, int appStatus) {
        byte[] t = new byte[padding + (endStream ? Fcgi.HEADER_LENGTH : 0) + 16];
        int p = padding;
        if (endStream) {
            System.arraycopy(RecordHeader.of(Fcgi.STDOUT, requestId, 0).encode(), 0, t, p, Fcgi.HEADER_LENGTH);
            p += Fcgi.HEADER_LENGTH;
        }
        System.arraycopy(endRequestBytes(requestId, appStatus, Fcgi.REQUEST_COMPLETE), 0, t, p, 16);
        return t;
    }

    /** A closed STDERR stream carrying one message, for the web server's error log. */
    ByteBuffer[] stderr(int requestId, byte[] message) {
        List<ByteBuffer> unit = new ArrayList<>();
        for (int offset = 0; offset < message.length; offset += Fcgi.MAX_CONTENT) {
            addRecord(unit, Fcgi.STDERR, requestId, message, offset, Math.min(Fcgi.MAX_CONTENT, message.length - offset));
        }
        addRecord(unit, Fcgi.STDERR, requestId, message, 0, 0);
        return unit.toArray(ByteBuffer[]::new);
    }

    ByteBuffer[] endRequest(int requestId, int appStatus, int protocolStatus) {
        return new ByteBuffer[] {ByteBuffer.wrap(endRequestBytes(requestId, appStatus, protocolStatus))};
    }

    ByteBuffer[] getValuesResult(Map<String, String> values) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        values.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            writeLength(body, n.length);
            writeLength(body, v.length);
            body.writeBytes(n);
            body.writeBytes(v);
        });
        byte[] content = body.toByteArray();
        List<ByteBuffer> unit = new ArrayList<>(3);
        addRecord(unit, Fcgi.GET_VALUES_RESULT, 0, content, 0, content.length);
        return unit.toArray(ByteBuffer[]::new);
    }

    ByteBuffer[] unknownType(int type) {
        byte[] body = {(byte) type, 0, 0, 0, 0, 0, 0, 0};
        return new ByteBuffer[] {ByteBuffer.wrap(RecordHeader.of(Fcgi.UNKNOWN_TYPE, 0, 8).encode()), ByteBuffer.wrap(body)};
    }

    private static byte[] endRequestBytes(int requestId, int appStatus, int protocolStatus) {
        byte[] b = new byte[16];
        System.arraycopy(RecordHeader.of(Fcgi.END_REQUEST, requestId, 8).encode(), 0, b, 0, 8);
        b[8] = (byte) (appStatus >>> 24);
        b[9] = (byte) (appStatus >>> 16);
        b[10] = (byte) (appStatus >>> 8);
        b[11] = (byte) appStatus;
        b[12] = (byte) protocolStatus;
        return b;
    }

    private static void addRecord(List<ByteBuffer> unit, int type, int requestId, byte[] content, int offset, int length) {
        RecordHeader header = RecordHeader.of(type, requestId, length);
        unit.add(ByteBuffer.wrap(header.encode()));
        if (length > 0) {
            unit.add(ByteBuffer.wrap(content, offset, length));
        }
        if (header.paddingLength() > 0) {
            unit.add(PADDING.duplicate().limit(header.paddingLength()));
        }
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 128) {
            out.write(length);
        } else {
            out.write(0x80 | length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }
}
