package org.tessera.fcgi;

/** Decodes the body of a BEGIN_REQUEST record: role and the KEEP_CONN flag. */
final class BeginRequestParser {
    record BeginRequest(int role, boolean keepConn) {}

    private BeginRequestParser() {}

    static BeginRequest parse(byte[] content) throws FcgiProtocolException {
        if (content.length != 8) {
            throw new FcgiProtocolException("BEGIN_REQUEST body of " + content.length + " bytes, expected 8");
        }
        return new BeginRequest((content[0] & 0xFF) << 8 | (content[1] & 0xFF), (content[2] & Fcgi.KEEP_CONN) != 0);
    }
}
