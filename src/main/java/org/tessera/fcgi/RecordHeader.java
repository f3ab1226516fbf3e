package org.tessera.fcgi;

/** The fixed 8-byte prefix of every FastCGI record. */
record RecordHeader(int version, int type, int requestId, int contentLength, int paddingLength) {

    RecordHeader {
        if (requestId < 0 || requestId > 0xFFFF || contentLength < 0 || contentLength > Fcgi.MAX_CONTENT
                || paddingLength < 0 || paddingLength > 255) {
            throw new IllegalArgumentException("record header field out of range");
        }
    }

    /** A header for content of the given length, padded so the record ends on an 8-byte boundary. */
    static RecordHeader of(int type, int requestId, int contentLength) {
        return new RecordHeader(Fcgi.VERSION, type, requestId, contentLength, (8 - (contentLength & 7)) & 7);
    }

    boolean isManagement() { return requestId == 0; }

    byte[] encode() {
        return new byte[] {
            (byte) version, (byte) type, (byte) (requestId >> 8), (byte) requestId,
            (byte) (contentLength >> 8), (byte) contentLength, (byte) paddingLength, 0
        };
    }
}
