package org.tessera.protocol.iip;

import org.tessera.protocol.PercentDecoding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.http.HttpError;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.Engine;
import org.tessera.protocol.ProtocolContext;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.protocol.ProtocolRegistry;
import org.tessera.protocol.RequestExecutor;
import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.source.ImageSource;

/**
 * Runs a request string's commands left to right (iipsrv's shared command table: IIP commands
 * plus IIIF=, DeepZoom= and Zoomify=, which go to their own handlers). The first command that
 * produces output answers the request; commands after it are not run (iipsrv would append a
 * second response to the same stream). Without output, accumulated OBJ text or IIP errors answer.
 */
public final class IipProtocol implements RequestExecutor {
    /** First body line when a client asks OBJ=IIP,1.0: the protocol version, as iipsrv did before 2023. */
    public static final String PROTOCOL_LINE = "IIP:1.0";

    /** Processing modifiers iipsrv has and Tessera does not yet: accepted and ignored. */
    public static final Set<String> IGNORED_MODIFIERS = Set.of("cnt", "gam", "inv", "cmp", "ctw", "shd", "minmax", "cnv", "lyr");

    private static final Logger log = LoggerFactory.getLogger(IipProtocol.class);

    private final Engine engine;
    private final ProtocolRegistry protocols;
    /** Modifiers already warned about, so the log says it once per process, not per request. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public IipProtocol(Engine engine, ProtocolRegistry protocols) {
        this.engine = engine;
        this.protocols = protocols;
    }

    @Override
    public HttpResponse execute(HttpRequest http, String requestString) {
        List<Command> commands = CommandParser.parse(requestString);
        try (Session s = new Session(new ProtocolContext(http, engine, requestString, -1))) {
            return execute(commands, s, requestString);
        }
    }

    private HttpResponse execute(List<Command> commands, Session s, String requestString) {
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            if (log.isDebugEnabled()) log.debug("[{}/{}]: Command / Argument is {} : {}", i + 1, commands.size(), c.name(), c.value());
            Optional<HttpResponse> out = run(c, s);
            if (out.isPresent()) {
                if (i + 1 < commands.size() && engine.config().verbosity() >= 2) {
                    log.info("Ignoring {} command(s) after output command {}: {}", commands.size() - i - 1, c.name(),
                            commands.subList(i + 1, commands.size()).stream().map(Command::name).toList());
                }
                return out.get();
            }
        }
        if (!s.errors().isEmpty()) return IipErrorResponse.of(engine.responses(), s.errors());
        if (s.hasText()) return engine.responses().document(s.contentType(), s.body(), s.lastModified(), null);
        return IipErrorResponse.of(engine.responses(), List.of(IipError.malformed(requestString)));
    }

    private Optional<HttpResponse> run(Command c, Session s) {
        String key = c.key();
        String v = c.value();
        Optional<OutputFormat> tileFormat = OutputFormat.fromIipTileCommand(key);
        if (tileFormat.isPresent()) return tile(c, tileFormat.get(), s);
        switch (key) {
            case "fif" -> {
                return fif(v, s);
            }
            case "obj" -> ObjectResponder.answer(v, s);
            case "jtls" -> {
                List<Integer> a = Args.integers(c.name(), v);
                if (a.size() != 4) throw HttpError.badRequest(c.name() + ": expected h,r,t,v");
                if (!s.hasImage()) {
                    s.addError(IipError.noImage(""));
                    return Optional.empty();
                }
                s.view.page = Math.max(0, a.get(0));
                return Optional.of(TileCommand.render(a.get(1), a.get(2), OutputFormat.JPEG, s));
            }
            case "til" -> {
                if (!s.hasImage()) {
                    s.addError(IipError.noImage(""));
                    return Optional.empty();
                }
                return Optional.of(TilCommand.run(c.name(), v, s));
            }
            case "cvt" -> {
                if (!s.hasImage()) {
                    s.addError(IipError.noImage(""));
                    return Optional.empty();
                }
                return Optional.of(CvtCommand.run(v, s));
            }
            case "wid" -> s.view.width = Math.max(0, Args.integer(c.name(), v));
            case "hei" -> s.view.height = Math.max(0, Args.integer(c.name(), v));
            case "rgn" -> s.view.region = region(v);
            case "rot" -> s.view.rotation = rotation(c.name(), v);
            case "qlt" -> s.view.encoderQuality = quality(c.name(), v);
            case "sds" -> s.view.page = Math.max(0, Args.integers(c.name(), v).get(0));
            case "col" -> colour(v, s);
            case "icc" -> {
                // iipsrv's ICC command is a no-op too (its colour-management code is disabled).
            }
            case "iiif", "deepzoom", "zoomify" -> {
                return Optional.of(delegate(key, v, s));
            }
            default -> {
                if (IGNORED_MODIFIERS.contains(key)) {
                    if (warned.add(key)) log.warn("{} is not implemented yet and is ignored (logged once)", key.toUpperCase(Locale.ROOT));
                    else log.debug("Ignoring {}={}", c.name(), v);
                } else {
                    s.addError(IipError.unknownCommand(c.name()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<HttpResponse> fif(String value, Session s) {
        String identifier = PercentDecoding.queryValue(value);
        ImageSource source = engine.images().open(identifier);
        s.open(identifier, source);
        return engine.responses().notModified(s.context().http(), source.info().lastModified());
    }

    private static Optional<HttpResponse> tile(Command c, OutputFormat format, Session s) {
        if (!s.hasImage()) {
            s.addError(IipError.noImage(""));
            return Optional.empty();
        }
        return Optional.of(TileCommand.run(c.name(), c.value(), format, s));
    }

    private HttpResponse delegate(String key, String argument, Session s) {
        ProtocolHandler handler = protocols.handler(key)
                .orElseThrow(() -> HttpError.notImplemented(key + " protocol is not available"));
        HttpResponse response = handler.handle(argument, s.context());
        if (response == null) throw new IllegalStateException(key + " handler returned no response");
        return response;
    }

    /** RGN=x,y,w,h fractions, each clamped to 0..1; ignored (whole image) unless 4 numbers with w,h &gt; 0. */
    static double[] region(String value) {
        String[] parts = value.split(",");
        if (parts.length != 4) return null;
        double[] f = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                f[i] = Math.max(0.0, Math.min(1.0, Double.parseDouble(parts[i].trim())));
            } catch (NumberFormatException e) {
                return null;
            }
            if (Double.isNaN(f[i])) return null;
        }
        return f[2] > 0 && f[3] > 0 ? f : null;
    }

    /** ROT=[!]deg: '!' mirrors horizontally first; only right angles rotate (others are ignored as iipsrv). */
    static Rotation rotation(String command, String value) {
        String v = value.trim();
        boolean mirror = v.startsWith("!");
        double degrees = Args.decimal(command, mirror ? v.substring(1) : v);
        Rotation r = new Rotation(degrees, mirror);
        return r.isRightAngle() ? r : new Rotation(0, mirror);
    }

    /** QLT=q or QLT=&lt;compression&gt;:q. The TIFF compression part cannot be passed to the renderer yet and is ignored. */
    static int quality(String command, String value) {
        int colon = value.indexOf(':');
        if (colon >= 0) {
            log.debug("QLT compression '{}' ignored: TIFF output uses TIFF_COMPRESSION", value.substring(0, colon));
            value = value.substring(colon + 1);
        }
        return Math.max(0, Args.integer(command, value));
    }

    private static void colour(String value, Session s) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "grey", "gray" -> s.view.quality = Quality.GRAY;
            case "binary" -> s.view.quality = Quality.BITONAL;
            default -> log.debug("COL={} ignored", value);
        }
    }
}
