package org.tessera.fcgi;

/** Decodes and validates the 8-byte record header. */
final class HeaderParser {
    private HeaderParser() {}

    static RecordHeader parse(byte[] b) throws FcgiProtocolException {
        int version = b[0] & 0xFF;
        if (version != Fcgi.VERSION) {
            throw new FcgiProtocolException("unsupported FastCGI version " + version);
        }
        return new RecordHeader(version, b[1] & 0xFF, (b[2] & 0xFF) << 8 | (b[3] & 0xFF),
                (b[4] & 0xFF) << 8 | (b[5] & 0xFF), b[6] & 0xFF);
    }
}
