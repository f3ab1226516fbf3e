package org.tessera.fcgi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;

/**
 * One FastCGI connection: glues the parser (reading thread) to the handler (one virtual thread per
 * request) and the generator (writes serialised by a lock). Requests are multiplexed by id.
 *
 * <p>What a peer can make it hold is bounded (see {@link FcgiLimits}): input per request and per
 * connection, requests in flight, and response bytes waiting to be written. The server's watchdog
 * calls {@link #checkTimeouts} so that a peer that stops sending or stops reading is cut off;
 * closing the channel wakes the thread blocked on it.
 */
final class FcgiConnection implements FcgiParser.Listener {
    private static final Logger log = LoggerFactory.getLogger(FcgiConnection.class);
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final byte[] NO_BODY = new byte[0];
    private static final HttpResponse INTERNAL_ERROR = new HttpResponse(500,
            List.of(new Header("Content-Type", "text/plain")), "Internal server error".getBytes(StandardCharsets.UTF_8));

    /** A request from BEGIN_REQUEST until its END_REQUEST is written. {@code ended} is guarded by the write lock. */
    private static final class Exchange {
        final boolean keepConn;
        boolean dispatched;
        boolean ended;

        Exchange(boolean keepConn) { this.keepConn = keepConn; }
    }

    private final SocketChannel channel;
    private final String name;
    private final RequestHandler handler;
    private final FcgiLimits limits;
    private final LongAdder served;
    private final Consumer<FcgiConnection> onClose;
    private final FcgiGenerator generator = new FcgiGenerator();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<Integer, Exchange> active = new ConcurrentHashMap<>();
    private volatile boolean inputEnded;
    private volatile boolean begun;
    private volatile boolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Requests handed to the handler whose END_REQUEST is not written yet: what this connection owes. */
    private final AtomicInteger answering = new AtomicInteger();
    /** When the connection last made progress: opened, a request dispatched, a response finished. */
    private volatile long lastProgress = System.nanoTime();
    /** When the write in progress started or last moved on; 0 when no write is in progress. */
    private volatile long writeProgress;
    private final ReentrantLock outputLock = new ReentrantLock();
    private final Condition outputDrained = outputLock.newCondition();
    /** Bytes of rendered responses not yet written; guarded by outputLock. */
    private long pendingOutput;

    FcgiConnection(SocketChannel channel, String name, RequestHandler handler, FcgiLimits limits, LongAdder served,
                   Consumer<FcgiConnection> onClose) {
        this.channel = channel;
        this.name = name;
        this.handler = handler;
        this.limits = limits;
        this.served = served;
        this.onClose = onClose;
    }

    /** Reads and dispatches records until the peer closes, breaks the protocol or the connection is closed. */
    void serve() {
        try {
            new FcgiParser(new BufferedInputStream(new ChannelInput(), 8192), this, limits).run();
            inputEnded = true;
            active.entrySet().removeIf(e -> !e.getValue().dispatched);
            if (active.isEmpty()) {
                close();
            }
        } catch (FcgiProtocolException e) {
            log.warn("FastCGI connection {} closed: {}", name, e.getMessage());
            close();
        } catch (IOException e) {
            if (!closed.get()) {
                log.debug("FastCGI connection {} failed: {}", name, e.toString());
            }
            close();
        } catch (Throwable e) {
            // Whatever goes wrong (an Error too), only this connection ends: the server keeps accepting.
            log.error("FastCGI connection {} closed after an unexpected error", name, e);
            close();
        }
    }

    /**
     * Stops reading new requests; those already read still get their responses. A connection that
     * has not begun its first request yet reads that one first: the web server opened it to send a
     * request, and cutting it off now would lose the request (a web server that does not resend
     * requests reports an error).
     */
    void stopReading() {
        stopping = true;
        if (begun) shutdownInput();
    }

    private void shutdownInput() {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            close();
        }
    }

    /** Requests in progress, counting the first one of a connection that has not sent it yet. */
    int activeRequests() { return active.size() + (begun || closed.get() ? 0 : 1); }

    String name() { return name; }

    /**
     * How long this connection has owed nothing (no request being answered), in nanoseconds at
     * {@code now}; -1 while a request is being answered. The server closes the idlest one when full.
     */
    long idleNanos(long now) {
        return answering.get() > 0 || closed.get() ? -1 : now - lastProgress;
    }

    /** Closes the connection when its peer has stalled a write or stayed idle too long. */
    void checkTimeouts(long now) {
        long writing = writeProgress;
        if (writing != 0 && now - writing > limits.writeTimeout().toNanos()) {
            log.info("FastCGI connection {} closed: the peer accepted no response bytes for {} ms", name,
                    limits.writeTimeout().toMillis());
            close();
        } else if (idleNanos(now) > limits.idleTimeout().toNanos()) {
            log.debug("FastCGI connection {} closed: no complete request for {} ms", name, limits.idleTimeout().toMillis());
            close();
        }
    }

    boolean isClosed() { return closed.get(); }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing FastCGI connection {}: {}", name, e.toString());
        }
        outputLock.lock();
        try {
            outputDrained.signalAll();
        } finally {
            outputLock.unlock();
        }
        onClose.accept(this);
    }

    @Override
    public boolean onBeginRequest(int requestId, int role, boolean keepConn) throws FcgiProtocolException {
        if (active.containsKey(requestId)) {
            throw new FcgiProtocolException("BEGIN_REQUEST for request " + requestId + " which is already active");
        }
        int refusal = role != Fcgi.RESPONDER ? Fcgi.UNKNOWN_ROLE
                : active.size() >= limits.maxRequests() ? Fcgi.OVERLOADED : -1;
        if (refusal >= 0) {
            log.debug("FastCGI connection {}: refusing request {} (role {}, protocol status {})", name, requestId, role, refusal);
            writeQuietly(generator.endRequest(requestId, 0, refusal));
            if (!keepConn) {
                finishOutput();
            }
            return false;
        }
        active.put(requestId, new Exchange(keepConn));
        begun = true;
        return true;
    }

    @Override
    public void onRequest(int requestId, Map<String, String> params, byte[] stdin) {
        Exchange exchange = active.get(requestId);
        exchange.dispatched = true;
        answering.incrementAndGet();
        lastProgress = System.nanoTime();
        Thread.ofVirtual().name("fcgi-" + name + "-" + requestId).start(() -> respond(requestId, exchange, params, stdin));
    }

    @Override
    public void onAbortRequest(int requestId) {
        Exchange exchange = active.get(requestId);
        if (exchange == null) {
            // The END_REQUEST may already be on its way: the spec allows this race, so it is no error.
            log.debug("FastCGI connection {}: ABORT_REQUEST for finished request {}", name, requestId);
            return;
        }
        if (writeUnit(requestId, exchange, generator.endRequest(requestId, 0, Fcgi.REQUEST_COMPLETE), true)) {
            afterEnd(exchange);
        }
    }

    @Override
    public void onGetValues(Map<String, String> query) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : query.keySet()) {
            switch (key) {
                case "FCGI_MAX_CONNS" -> result.put(key, Integer.toString(limits.maxConnections()));
                case "FCGI_MAX_REQS" -> result.put(key, Integer.toString(limits.maxRequests()));
                case "FCGI_MPXS_CONNS" -> result.put(key, "1");
                default -> { } // the spec says unknown names are left out of the answer
            }
        }
        write(generator.getValuesResult(result));
    }

    @Override
    public void onUnknownType(int type) throws IOException {
        log.debug("FastCGI connection {}: unknown management record type {}", name, type);
        write(generator.unknownType(type));
    }

    private void respond(int requestId, Exchange exchange, Map<String, String> params, byte[] stdin) {
        try {
            respondWithin(requestId, exchange, params, stdin);
        } catch (Throwable t) {
            // Not even an Error may leave the request owed forever: the connection ends instead.
            log.error("FastCGI connection {}: answering request {} failed", name, requestId, t);
            close();
        } finally {
            answering.decrementAndGet();
            lastProgress = System.nanoTime();
        }
    }

    private void respondWithin(int requestId, Exchange exchange, Map<String, String> params, byte[] stdin) {
        if (!awaitOutputRoom()) {
            return; // the connection closed while its peer was not reading
        }
        HttpResponse response;
        boolean head;
        try {
            HttpRequest request = CgiRequests.toHttpRequest(params, stdin);
            head = request.isHead();
            response = handler.handle(request);
        } catch (Throwable t) {
            log.error("request handler failed for {}", params.get("REQUEST_URI"), t);
            head = "HEAD".equals(params.get("REQUEST_METHOD"));
            response = INTERNAL_ERROR;
            writeUnit(requestId, exchange, generator.stderr(requestId,
                    "tessera: internal error, see the server log\n".getBytes(StandardCharsets.UTF_8)), false);
        }
        // writes are synchronous: once the units are written (or refused), nothing reads the body
        try {
            byte[] cgiHead = CgiResponseWriter.head(response, Fcgi.HEADER_LENGTH);
            int bodyLength = head ? 0 : response.bodyLength();
            List<ByteBuffer[]> units = generator.response(requestId, cgiHead, head ? NO_BODY : response.bodyBytes(), bodyLength, 0);
            long size = (long) cgiHead.length - Fcgi.HEADER_LENGTH + bodyLength;
            reserveOutput(size);
            try {
                for (int i = 0; i < units.size(); i++) {
                    if (!writeUnit(requestId, exchange, units.get(i), i == units.size() - 1)) {
                        return; // aborted (the abort ended the request) or the connection is gone
                    }
                }
            } finally {
                releaseOutput(size);
            }
        } finally {
            response.afterSent().run();
        }
        served.increment();
        afterEnd(exchange);
    }

    /**
     * Waits while this connection has more response bytes waiting than its cap, so a peer that
     * sends many requests and reads no answers cannot make us render them all into memory. The
     * wait ends when the peer reads (bytes drain) or the write timeout closes the connection.
     *
     * @return false when the connection closed meanwhile
     */
    private boolean awaitOutputRoom() {
        outputLock.lock();
        try {
            while (pendingOutput >= limits.maxPendingOutput() && !closed.get()) {
                outputDrained.await(1, TimeUnit.SECONDS);
            }
            return !closed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            outputLock.unlock();
        }
    }

    private void reserveOutput(long bytes) {
        outputLock.lock();
        try {
            pendingOutput += bytes;
        } finally {
            outputLock.unlock();
        }
    }

    private void releaseOutput(long bytes) {
        outputLock.lock();
        try {
            pendingOutput -= bytes;
            outputDrained.signalAll();
        } finally {
            outputLock.unlock();
        }
    }

    /**
     * Writes one unit unless the request has ended (aborted) or the connection is closed. The
     * request leaves the active set before its END_REQUEST goes out, so the peer may reuse the id
     * as soon as it reads that record.
     */
    private boolean writeUnit(int requestId, Exchange exchange, ByteBuffer[] unit, boolean endsRequest) {
        writeLock.lock();
        try {
            if (exchange.ended || closed.get()) {
                return false;
            }
            if (endsRequest) {
                exchange.ended = true;
                active.remove(requestId, exchange);
            }
            writeLocked(unit);
            return true;
        } catch (IOException e) {
            log.debug("FastCGI connection {}: write failed: {}", name, e.toString());
            close();
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    private void afterEnd(Exchange exchange) {
        if (!exchange.keepConn) {
            finishOutput();
        } else if (inputEnded && active.isEmpty()) {
            close();
        } else if (stopping) {
            shutdownInput();
        }
    }

    /**
     * Ends a connection without KEEP_CONN the way libfcgi does: half-close so the web server sees
     * the response and end of stream, and close fully once it hangs up (the reader then sees end of
     * stream) or after a short wait. Closing at once with unread input would send a reset, which
     * can destroy the response still in flight.
     */
    private void finishOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        Thread.ofVirtual().name("fcgi-" + name + "-linger").start(() -> {
            try {
                Thread.sleep(LINGER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        });
    }

    private void write(ByteBuffer[] unit) throws IOException {
        writeLock.lock();
        try {
            writeLocked(unit);
        } finally {
            writeLock.unlock();
        }
    }

    private void writeQuietly(ByteBuffer[] unit) {
        try {
            write(unit);
        } catch (IOException e) {
            log.debug("FastCGI connection {}: write failed: {}", name, e.toString());
            close();
        }
    }

    private void writeLocked(ByteBuffer[] unit) throws IOException {
        long remaining = 0;
        for (ByteBuffer b : unit) {
            remaining += b.remaining();
        }
        // Units are at most one 64 KB record: the watchdog sees progress at least that often.
        writeProgress = System.nanoTime();
        try {
            while (remaining > 0) {
                remaining -= channel.write(unit);
                writeProgress = System.nanoTime();
            }
        } finally {
            writeProgress = 0;
        }
    }

    /** Blocking reads straight from the channel, which works alike for TCP and Unix sockets (the latter have no socket() adaptor). */
    private final class ChannelInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }
    }
}
