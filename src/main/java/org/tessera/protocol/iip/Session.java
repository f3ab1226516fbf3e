package org.tessera.protocol.iip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tessera.image.ImageInfo;
import org.tessera.protocol.ProtocolContext;
import org.tessera.source.ImageSource;

/**
 * Everything one IIP request accumulates while its commands run: the opened image, the view
 * state, the text of OBJ answers and the IIP errors. One instance per request.
 */
final class Session implements AutoCloseable {
    static final String NETFPX = "application/vnd.netfpx";

    /** The request and the engine; the view's QLT is applied by {@link #context()}. */
    private final ProtocolContext ctx;
    final View view = new View();

    private String identifier;
    private ImageSource source;
    private final List<String> lines = new ArrayList<>();
    private final List<IipError> errors = new ArrayList<>();
    private boolean protocolLine;
    private String contentType = NETFPX;

    Session(ProtocolContext ctx) {
        this.ctx = ctx;
    }

    /** The protocol context with the QLT given so far, for handlers this request delegates to. */
    ProtocolContext context() { return ctx.withEncoderQuality(view.encoderQuality); }

    /** Takes ownership of {@code source}; a previously opened image (a second FIF) is closed. */
    void open(String identifier, ImageSource source) {
        close();
        this.identifier = identifier;
        this.source = source;
    }

    /** Closes the opened image: the repository hands out one file handle per open. */
    @Override
    public void close() {
        if (source == null) return;
        try {
            source.close();
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(Session.class).warn("Closing image {}: {}", identifier, e.toString());
        }
        source = null;
    }

    boolean hasImage() { return source != null; }

    ImageSource source() { return source; }

    ImageInfo info() { return source.info(); }

    String identifier() { return identifier; }

    Instant lastModified() { return source == null ? null : source.info().lastModified(); }

    void addLine(String line) { lines.add(line); }

    void addError(IipError e) { errors.add(e); }

    void protocolLine() { protocolLine = true; }

    void contentType(String type) { contentType = type; }

    List<IipError> errors() { return errors; }

    boolean hasText() { return protocolLine || !lines.isEmpty(); }

    String contentType() { return contentType; }

    /** The OBJ answer body: the protocol line first (if asked for), then each item, CRLF-terminated. */
    String body() {
        StringBuilder b = new StringBuilder();
        if (protocolLine) b.append(IipProtocol.PROTOCOL_LINE).append("\r\n");
        for (String l : lines) b.append(l).append("\r\n");
        return b.toString();
    }
}
