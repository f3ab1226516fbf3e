package org.tessera.fcgi;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The one read loop of a connection: reads records, hands each body to the parser for its type and
 * tells the listener about complete events. It assembles requests until their STDIN ends and knows
 * nothing about handling or writing, so it can be driven from a byte array in tests.
 */
final class FcgiParser {

    /** What the connection does with parsed events. Called on the reading thread only. */
    interface Listener {
        /** @return false when the request is refused (its later records are then skipped) */
        boolean onBeginRequest(int requestId, int role, boolean keepConn) throws FcgiProtocolException;

        void onRequest(int requestId, Map<String, String> params, byte[] stdin) throws FcgiProtocolException;

        void onAbortRequest(int requestId);

        void onGetValues(Map<String, String> query) throws IOException;

        void onUnknownType(int type) throws IOException;
    }

    /**
     * A request between BEGIN_REQUEST and the end of its STDIN. {@link #SKIP} stands for a request
     * whose remaining input is ignored (refused, aborted, or already dispatched), holding no memory.
     */
    private static final class Assembly {
        static final Assembly SKIP = new Assembly(null, null, null);

        final ParamsParser params;
        final StreamContentParser stdin;
        final StreamContentParser data;
        long bytes;

        Assembly(ParamsParser params, StreamContentParser stdin, StreamContentParser data) {
            this.params = params;
            this.stdin = stdin;
            this.data = data;
        }

        boolean skipsInput() { return this == SKIP; }
    }

    private final InputStream in;
    private final Listener listener;
    private final FcgiLimits limits;
    private final Map<Integer, Assembly> assembling = new HashMap<>();
    /** Input held for unfinished requests; capped per connection, not only per request. */
    private long buffered;

    FcgiParser(InputStream in, Listener listener, FcgiLimits limits) {
        this.in = in;
        this.listener = listener;
        this.limits = limits;
    }

    /** Parses until the peer closes the stream cleanly between records. */
    void run() throws IOException {
        byte[] headerBytes = new byte[Fcgi.HEADER_LENGTH];
        byte[] padding = new byte[255]; // a record's padding is read into this and dropped
        while (true) {
            int n = in.readNBytes(headerBytes, 0, headerBytes.length);
            if (n == 0) {
                return;
            }
            if (n < headerBytes.length) {
                throw new FcgiProtocolException("truncated record header (" + n + " of 8 bytes)");
            }
            RecordHeader header = HeaderParser.parse(headerBytes);
            byte[] content = readFully(new byte[header.contentLength()], header);
            readFully(padding, header.paddingLength(), header);
            dispatch(header, content);
        }
    }

    /** Fills {@code b} (a record's content: at most 65535 bytes, allocated once at its size). */
    private byte[] readFully(byte[] b, RecordHeader header) throws IOException {
        readFully(b, b.length, header);
        return b;
    }

    private void readFully(byte[] b, int length, RecordHeader header) throws IOException {
        int n = in.readNBytes(b, 0, length);
        if (n < length) {
            throw new FcgiProtocolException("truncated " + Fcgi.typeName(header.type()) + " record of request "
                    + header.requestId() + " (" + n + " of " + length + " bytes)");
        }
    }

    private void dispatch(RecordHeader header, byte[] content) throws IOException {
        int id = header.requestId();
        if (header.isManagement()) {
            if (header.type() == Fcgi.GET_VALUES) {
                listener.onGetValues(ParamsParser.decode(content));
            } else {
                listener.onUnknownType(header.type());
            }
            return;
        }
        switch (header.type()) {
            case Fcgi.BEGIN_REQUEST -> begin(id, content);
            case Fcgi.ABORT_REQUEST -> {
                // input the peer had already sent for the aborted request is skipped, not an error
                if (assembling.containsKey(id)) {
                    retire(id, Assembly.SKIP);
                }
                listener.onAbortRequest(id);
            }
            case Fcgi.PARAMS -> params(header, content);
            case Fcgi.STDIN -> stdin(header, content);
            case Fcgi.DATA -> {
                Assembly a = assembly(header);
                if (!a.skipsInput()) {
                    a.data.accept(content);
                    hold(a, content);
                }
            }
            default -> throw new FcgiProtocolException("unexpected " + Fcgi.typeName(header.type())
                    + " record for request " + id);
        }
    }

    private void begin(int id, byte[] content) throws FcgiProtocolException {
        BeginRequestParser.BeginRequest begin = BeginRequestParser.parse(content);
        Assembly previous = assembling.get(id);
        if (previous != null && !previous.skipsInput()) {
            throw new FcgiProtocolException("BEGIN_REQUEST for request " + id + " which is already active");
        }
        boolean accepted = listener.onBeginRequest(id, begin.role(), begin.keepConn());
        retire(id, accepted
                ? new Assembly(new ParamsParser(limits.maxParamsBytes()),
                        new StreamContentParser("STDIN", limits.maxStdinBytes()),
                        new StreamContentParser("DATA", limits.maxStdinBytes()))
                : Assembly.SKIP);
    }

    /**
     * Like libfcgi, a request without a body is dispatched as soon as its PARAMS end: some clients
     * (jfastcgi) send no STDIN at all then.
     */
    private void params(RecordHeader header, byte[] content) throws FcgiProtocolException {
        Assembly a = assembly(header);
        if (a.skipsInput()) {
            return;
        }
        a.params.accept(content);
        hold(a, content);
        if (a.params.ended() && !hasBody(a.params.params())) {
            retire(header.requestId(), Assembly.SKIP);
            listener.onRequest(header.requestId(), a.params.params(), new byte[0]);
        }
    }

    private void stdin(RecordHeader header, byte[] content) throws FcgiProtocolException {
        Assembly a = assembly(header);
        if (a.skipsInput()) {
            if (content.length == 0) {
                assembling.remove(header.requestId());
            }
            return;
        }
        if (!a.params.ended()) {
            throw new FcgiProtocolException("STDIN for request " + header.requestId() + " before the end of its PARAMS");
        }
        a.stdin.accept(content);
        hold(a, content);
        if (a.stdin.ended()) {
            retire(header.requestId(), null);
            listener.onRequest(header.requestId(), a.params.params(), a.stdin.bytes());
        }
    }

    private void hold(Assembly a, byte[] content) throws FcgiProtocolException {
        a.bytes += content.length;
        buffered += content.length;
        long cap = limits.maxParamsBytes() + limits.maxStdinBytes();
        if (buffered > cap) {
            throw new FcgiProtocolException("unfinished requests hold more than " + cap + " bytes of input");
        }
    }

    /** Replaces the request's assembly (null: forgets the request), releasing what it held. */
    private void retire(int id, Assembly next) {
        Assembly previous = next == null ? assembling.remove(id) : assembling.put(id, next);
        if (previous != null) {
            buffered -= previous.bytes;
        }
    }

    private static boolean hasBody(Map<String, String> params) {
        String length = params.getOrDefault("CONTENT_LENGTH", "").trim();
        return !length.isEmpty() && !length.equals("0");
    }

    private Assembly assembly(RecordHeader header) throws FcgiProtocolException {
        Assembly a = assembling.get(header.requestId());
        if (a == null) {
            throw new FcgiProtocolException(Fcgi.typeName(header.type()) + " record for unknown request "
                    + header.requestId());
        }
        return a;
    }
}
