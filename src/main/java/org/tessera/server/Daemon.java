package org.tessera.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.fcgi.FcgiLimits;
import org.tessera.fcgi.FcgiServer;
import org.tessera.fcgi.PeerAllowlist;
import org.tessera.http.DevHttpServer;
import org.tessera.http.RequestHandler;

/**
 * Runs the listeners of one process until a stop signal: the FastCGI responder (bound or
 * inherited) and optionally the development HTTP listener. As iipsrv: SIGHUP empties the caches;
 * SIGTERM, SIGINT and SIGUSR1 log "Caught ... signal. Terminating after N accesses" and end the
 * process with status 0, here only after the requests in flight have been answered.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    static final Duration GRACE = Duration.ofSeconds(10);
    /** The names C's strsignal() gives, which iipsrv prints; administrators grep their logs for them. */
    static final Map<String, String> SIGNAL_NAMES = Map.of("HUP", "Hangup", "TERM", "Terminated", "INT", "Interrupt",
            "USR1", "User defined signal 1");
    /** ctime(3)'s format, as in iipsrv's log. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private final Tessera app;
    private final AccessCounter accesses = new AccessCounter();
    private final Optional<FcgiServer> fcgi;
    private final Optional<DevHttpServer> http;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile String stopCause = "stop";

    /**
     * @param fastcgiListener listening channel for FastCGI, empty when only HTTP is served
     * @param httpAddress     address of the development HTTP listener, empty when off
     * @param httpHandler     what the HTTP listener serves (the router wrapped by the viewer)
     */
    public Daemon(Tessera app, Optional<ServerSocketChannel> fastcgiListener, Optional<InetSocketAddress> httpAddress,
                  RequestHandler httpHandler) throws IOException {
        this.app = app;
        RequestHandler fcgiHandler = accesses.counting(app.handler());
        this.fcgi = fastcgiListener.map(l -> new FcgiServer(l, fcgiHandler, fcgiLimits(app.config()),
                PeerAllowlist.parse(app.config().fcgiWebServerAddrs())));
        this.http = httpAddress.isPresent()
                ? Optional.of(new DevHttpServer(httpAddress.get(), accesses.counting(httpHandler)))
                : Optional.empty();
    }

    static FcgiLimits fcgiLimits(Config config) {
        return FcgiLimits.DEFAULT.withConnections(config.fcgiMaxConnections(),
                Duration.ofSeconds(config.fcgiIdleTimeout()), Duration.ofSeconds(config.fcgiWriteTimeout()));
    }

    public void start() throws IOException {
        if (fcgi.isPresent()) fcgi.get().start();
        http.ifPresent(DevHttpServer::start);
    }

    public Optional<Integer> httpPort() { return http.map(DevHttpServer::port); }

    /** Requests answered so far, over every listener. */
    public long accesses() { return accesses.accesses(); }

    /** Installs SIGHUP (empty caches) and SIGTERM/SIGINT/SIGUSR1 (graceful stop) handlers. */
    @SuppressWarnings("restriction")
    public void installSignalHandlers() {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
            log.info("Caught {} signal. Emptying internal caches", SIGNAL_NAMES.get("HUP"));
            app.clearCaches();
        });
        sun.misc.SignalHandler stop = s -> requestStop(SIGNAL_NAMES.getOrDefault(s.getName(), "SIG" + s.getName()));
        for (String name : new String[] {"TERM", "INT", "USR1"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), stop);
        }
    }

    /** @param cause how the log names the reason, e.g. "Terminated" for SIGTERM */
    public void requestStop(String cause) {
        stopCause = cause;
        stopSignal.countDown();
    }

    /**
     * Blocks until a stop is requested, then stops accepting, lets the requests in flight finish
     * (up to {@link #GRACE}) and logs iipsrv's closing lines with the number of requests answered.
     */
    public void awaitStopAndShutdown() throws InterruptedException {
        stopSignal.await();
        log.info("{} signal: no new requests; finishing those in flight", stopCause);
        stop();
        log.info("Caught {} signal. Terminating after {} accesses", stopCause, accesses());
        log.info("{}", CTIME.format(ZonedDateTime.now()));
        log.info("<----------------------------------->");
    }

    /**
     * Stops accepting, lets the requests in flight finish and releases the application, without
     * the closing lines of a stopped server (an in-process exercise stops this way).
     */
    public void stop() {
        http.ifPresent(DevHttpServer::stop);
        fcgi.ifPresent(f -> f.stop(GRACE));
        app.close();
    }
}
