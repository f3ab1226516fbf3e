package org.tessera.fcgi;

/** Numeric constants of the FastCGI 1.0 specification, kept in one place so parsers and generator agree. */
final class Fcgi {
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 8;
    static final int MAX_CONTENT = 65535;

    static final int BEGIN_REQUEST = 1;
    static final int ABORT_REQUEST = 2;
    static final int END_REQUEST = 3;
    static final int PARAMS = 4;
    static final int STDIN = 5;
    static final int STDOUT = 6;
    static final int STDERR = 7;
    static final int DATA = 8;
    static final int GET_VALUES = 9;
    static final int GET_VALUES_RESULT = 10;
    static final int UNKNOWN_TYPE = 11;

    static final int RESPONDER = 1;
    static final int KEEP_CONN = 1;

    static final int REQUEST_COMPLETE = 0;
    static final int CANT_MPX_CONN = 1;
    static final int OVERLOADED = 2;
    static final int UNKNOWN_ROLE = 3;

    private Fcgi() {}

    static String typeName(int type) {
        return switch (type) {
            case BEGIN_REQUEST -> "BEGIN_REQUEST";
            case ABORT_REQUEST -> "ABORT_REQUEST";
            case END_REQUEST -> "END_REQUEST";
            case PARAMS -> "PARAMS";
            case STDIN -> "STDIN";
            case STDOUT -> "STDOUT";
            case STDERR -> "STDERR";
            case DATA -> "DATA";
            case GET_VALUES -> "GET_VALUES";
            case GET_VALUES_RESULT -> "GET_VALUES_RESULT";
            case UNKNOWN_TYPE -> "UNKNOWN_TYPE";
            default -> "type " + type;
        };
    }
}
