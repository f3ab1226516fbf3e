package org.tessera.fcgi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.http.RequestHandler;

/**
 * The FastCGI responder: accepts connections from the web server on a listening channel (TCP or
 * Unix, bound by us or inherited from spawn-fcgi) and serves each on its own virtual thread.
 */
public final class FcgiServer {
    private static final Logger log = LoggerFactory.getLogger(FcgiServer.class);

    private final ServerSocketChannel listener;
    private final RequestHandler handler;
    private final FcgiLimits limits;
    private final Set<FcgiConnection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder served = new LongAdder();
    private final AtomicLong connectionCount = new AtomicLong();
    /** How long stop() lets the accept loop take in the backlog (it wakes on the next connection). */
    private static final Duration DRAIN_WAIT = Duration.ofMillis(200);
    private volatile boolean running;
    private volatile boolean draining;
    private final CountDownLatch drained = new CountDownLatch(1);
    private Thread acceptor;

    public FcgiServer(ServerSocketChannel listener, RequestHandler handler) {
        this(listener, handler, FcgiLimits.DEFAULT);
    }

    public FcgiServer(ServerSocketChannel listener, RequestHandler handler, FcgiLimits limits) {
        this.listener = listener;
        this.handler = handler;
        this.limits = limits;
    }

    /** Starts the accept loop on one platform thread and returns. */
    public synchronized void start() throws IOException {
        if (acceptor != null) {
            throw new IllegalStateException("already started");
        }
        listener.configureBlocking(true);
        running = true;
        acceptor = Thread.ofPlatform().name("fcgi-accept").start(this::acceptLoop);
        log.info("FastCGI server accepting on {}", listener.getLocalAddress());
    }

    /**
     * Stops accepting, stops reading new requests, waits up to {@code grace} for requests in
     * flight to be answered, then closes every connection.
     */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        // Connections the kernel has already completed wait in the backlog; closing the listener
        // would reset them after the web server has sent its request, which a web server that does
        // not resend requests (lighttpd) reports as an error. The accept loop takes them in first.
        draining = true;
        try {
            drained.await(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the listening channel: {}", e.toString());
        }
        connections.forEach(FcgiConnection::stopReading);
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
        log.info("FastCGI server stopped after {} requests", served.sum());
    }

    /** Requests answered since start. */
    public long requestsServed() { return served.sum(); }

    public int openConnections() { return connections.size(); }

    private int inFlight() {
        return connections.stream().mapToInt(FcgiConnection::activeRequests).sum();
    }

    private void acceptLoop() {
        while (running) {
            SocketChannel channel;
            try {
                if (draining) {
                    drainBacklog();
                    break;
                }
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!running) {
                    break;
                }
                // Typically out of file descriptors: back off rather than spin, and keep serving.
                log.warn("accepting a FastCGI connection failed: {}", e.toString());
                sleepQuietly();
                continue;
            }
            if (!running) {
                closeQuietly(channel);
                break;
            }
            serve(channel);
        }
        drained.countDown();
    }

    private void serve(SocketChannel channel) {
        FcgiConnection connection = new FcgiConnection(channel, describe(channel), handler, limits, served,
                connections::remove);
        connections.add(connection);
        Thread.ofVirtual().name("fcgi-conn").start(connection::serve);
    }

    /**
     * Accepts (and serves) every connection already waiting, without blocking for new ones, then
     * closes the listener at once: a connection completed between the two would be reset.
     */
    private void drainBacklog() throws IOException {
        listener.configureBlocking(false);
        for (SocketChannel c = listener.accept(); c != null; c = listener.accept()) {
            c.configureBlocking(true);
            serve(c);
        }
        listener.close();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to tell the peer
        }
    }

    /** "#12 from 127.0.0.1:40312" for log lines; a Unix socket peer has no address worth printing. */
    private String describe(SocketChannel channel) {
        String name = "#" + connectionCount.incrementAndGet();
        try {
            return channel.getRemoteAddress() instanceof java.net.InetSocketAddress inet
                    ? name + " from " + inet.getAddress().getHostAddress() + ":" + inet.getPort() : name;
        } catch (IOException e) {
            return name;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
