package org.tessera.fcgi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.http.RequestHandler;

/**
 * The FastCGI responder: accepts connections from the web server on a listening channel (TCP or
 * Unix, bound by us or inherited from spawn-fcgi) and serves each on its own virtual thread.
 *
 * <p>The accept loop survives every failure, an {@link Error} included: a server whose process is
 * alive but no longer accepts would pass health checks and never be restarted. (An
 * OutOfMemoryError ends the process instead: the launcher runs the JVM with
 * -XX:+ExitOnOutOfMemoryError so that the supervisor restarts it.) Peers outside
 * FCGI_WEB_SERVER_ADDRS are refused, at most {@link FcgiLimits#maxConnections()} connections are
 * served at once, and a watchdog closes connections that stay idle or stop reading.
 */
public final class FcgiServer {
    private static final Logger log = LoggerFactory.getLogger(FcgiServer.class);

    private final ServerSocketChannel listener;
    private final RequestHandler handler;
    private final FcgiLimits limits;
    private final PeerAllowlist allowlist;
    private final Set<FcgiConnection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder served = new LongAdder();
    private final AtomicLong connectionCount = new AtomicLong();
    private final LogThrottle refusedPeers = new LogThrottle(Duration.ofMinutes(1));
    private final LogThrottle fullWarnings = new LogThrottle(Duration.ofMinutes(1));
    private volatile boolean running;
    private Thread acceptor;
    private Thread watchdog;

    public FcgiServer(ServerSocketChannel listener, RequestHandler handler) {
        this(listener, handler, FcgiLimits.DEFAULT);
    }

    public FcgiServer(ServerSocketChannel listener, RequestHandler handler, FcgiLimits limits) {
        this(listener, handler, limits, PeerAllowlist.ANY);
    }

    public FcgiServer(ServerSocketChannel listener, RequestHandler handler, FcgiLimits limits, PeerAllowlist allowlist) {
        this.listener = listener;
        this.handler = handler;
        this.limits = limits;
        this.allowlist = allowlist;
    }

    /** Starts the accept loop on one platform thread and returns. */
    public synchronized void start() throws IOException {
        if (acceptor != null) {
            throw new IllegalStateException("already started");
        }
        listener.configureBlocking(true);
        running = true;
        acceptor = Thread.ofPlatform().name("fcgi-accept").start(this::acceptLoop);
        watchdog = Thread.ofPlatform().name("fcgi-watchdog").daemon().start(this::watchLoop);
        log.info("FastCGI server accepting on {} (at most {} connections, idle timeout {} s, write timeout {} s{})",
                listener.getLocalAddress(), limits.maxConnections(), limits.idleTimeout().toSeconds(),
                limits.writeTimeout().toSeconds(), allowlist.allowsAll() ? "" : ", web servers " + allowlist.addresses());
    }

    /**
     * Stops accepting, stops reading new requests, waits up to {@code grace} for requests in
     * flight to be answered, then closes every connection.
     */
    public void stop(Duration grace) {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the listening channel: {}", e.toString());
        }
        connections.forEach(FcgiConnection::stopReading);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread acceptThread;
            synchronized (this) {
                acceptThread = acceptor;
            }
            if (acceptThread != null) {
                acceptThread.join(Math.max(1, grace.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(FcgiConnection::close);
        Thread watchThread;
        synchronized (this) {
            watchThread = watchdog;
        }
        if (watchThread != null) {
            watchThread.interrupt();
        }
        log.info("FastCGI server stopped after {} requests", served.sum());
    }

    /** Requests answered since start. */
    public long requestsServed() { return served.sum(); }

    public int openConnections() { return connections.size(); }

    private int inFlight() {
        return connections.stream().mapToInt(FcgiConnection::activeRequests).sum();
    }

    private void acceptLoop() {
        try {
            while (running) {
                try {
                    acceptOne();
                } catch (ClosedChannelException e) {
                    break;
                } catch (IOException e) {
                    if (!running) {
                        break;
                    }
                    // Typically out of file descriptors: back off rather than spin, and keep serving.
                    log.warn("accepting a FastCGI connection failed: {}", e.toString());
                    sleepQuietly(100);
                } catch (Throwable t) {
                    if (!running) {
                        break;
                    }
                    log.error("FastCGI accept loop: unexpected failure, continuing", t);
                    sleepQuietly(100);
                }
            }
        } finally {
            if (running) {
                // Only reachable if even the handler above failed: never leave the server deaf.
                log.error("FastCGI accept loop ended unexpectedly; restarting it");
                Thread.ofPlatform().name("fcgi-accept").start(this::acceptLoop);
            }
        }
    }

    private void acceptOne() throws IOException {
        SocketChannel channel = listener.accept();
        SocketAddress peer = remoteAddress(channel);
        if (!allowlist.allows(peer)) {
            if (refusedPeers.permit()) {
                log.warn("refused FastCGI connection from {}: not in FCGI_WEB_SERVER_ADDRS (logged once a minute)", peer);
            }
            channel.close();
            return;
        }
        if (!awaitRoom()) {
            channel.close();
            return;
        }
        FcgiConnection connection = new FcgiConnection(channel, describe(channel, peer), handler, limits, served,
                connections::remove);
        connections.add(connection);
        if (!running) {
            connection.close();
            return;
        }
        Thread.ofVirtual().name("fcgi-conn").start(connection::serve);
    }

    /**
     * Makes room for one more connection: below the limit there is room; at the limit the
     * connection that has owed nothing for longest is closed (web servers reopen keep-alive
     * connections as needed); when every connection is answering, waits for one to end.
     *
     * @return false when the server stopped meanwhile
     */
    private boolean awaitRoom() {
        while (running && connections.size() >= limits.maxConnections()) {
            if (fullWarnings.permit()) {
                log.warn("FastCGI connection limit of {} reached (TESSERA_FCGI_MAX_CONNS; logged once a minute)",
                        limits.maxConnections());
            }
            long now = System.nanoTime();
            FcgiConnection idlest = null;
            long longest = -1;
            for (FcgiConnection c : connections) {
                long idle = c.idleNanos(now);
                if (idle > longest) {
                    longest = idle;
                    idlest = c;
                }
            }
            if (idlest != null) {
                log.debug("closing idle FastCGI connection {} to make room", idlest.name());
                idlest.close();
            } else {
                sleepQuietly(10);
            }
        }
        return running;
    }

    /** Closes connections whose peer stalls; ticks often enough to honour the shortest timeout. */
    private void watchLoop() {
        long shortest = Math.min(limits.idleTimeout().toMillis(), limits.writeTimeout().toMillis());
        long tick = Math.max(20, Math.min(1000, shortest / 4));
        while (running) {
            try {
                Thread.sleep(tick);
                long now = System.nanoTime();
                for (FcgiConnection c : connections) {
                    c.checkTimeouts(now);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                log.error("FastCGI watchdog: unexpected failure, continuing", t);
            }
        }
    }

    /** "#12 from 127.0.0.1:40312" for log lines; a Unix socket peer has no address worth printing. */
    private String describe(SocketChannel channel, SocketAddress peer) {
        String name = "#" + connectionCount.incrementAndGet();
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? name + " from " + inet.getAddress().getHostAddress() + ":" + inet.getPort() : name;
    }

    private static SocketAddress remoteAddress(SocketChannel channel) {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
