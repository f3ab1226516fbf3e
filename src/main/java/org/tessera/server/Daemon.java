package org.tessera.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.fcgi.FcgiServer;
import org.tessera.http.DevHttpServer;
import org.tessera.http.RequestHandler;

/**
 * Runs the listeners of one process until SIGTERM/SIGINT: the FastCGI responder (bound or
 * inherited) and optionally the development HTTP listener. SIGHUP empties the caches.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Tessera app;
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
        this.fcgi = fastcgiListener.map(l -> new FcgiServer(l, app.handler()));
        this.http = httpAddress.isPresent() ? Optional.of(new DevHttpServer(httpAddress.get(), httpHandler)) : Optional.empty();
    }

    public void start() throws IOException {
        if (fcgi.isPresent()) fcgi.get().start();
        http.ifPresent(DevHttpServer::start);
    }

    public Optional<Integer> httpPort() { return http.map(DevHttpServer::port); }

    /** Installs SIGHUP (empty caches) and SIGTERM/SIGINT (graceful stop) handlers. */
    @SuppressWarnings("restriction")
    public void installSignalHandlers() {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
            log.info("Caught Hangup signal. Emptying internal caches");
            app.clearCaches();
        });
        sun.misc.SignalHandler stop = s -> requestStop("SIG" + s.getName());
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), stop);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), stop);
    }

    public void requestStop(String cause) {
        stopCause = cause;
        stopSignal.countDown();
    }

    /** Blocks until a stop is requested, then stops accepting and lets requests in flight finish. */
    public void awaitStopAndShutdown() throws InterruptedException {
        stopSignal.await();
        long served = fcgi.map(FcgiServer::requestsServed).orElse(0L);
        log.info("Caught {} signal. Terminating after {} accesses", stopCause, served);
        http.ifPresent(DevHttpServer::stop);
        fcgi.ifPresent(f -> f.stop(GRACE));
        app.close();
    }
}
