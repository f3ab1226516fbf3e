package org.tessera.cache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import net.spy.memcached.CachedData;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.ArrayOperationQueueFactory;
import net.spy.memcached.transcoders.Transcoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.MemcachedServer;

/**
 * The shared tier: whole encoded results in memcached (MEMCACHED_SERVERS), so every instance
 * answers what any other has already produced. Tiles and renditions alike; errors never reach it
 * (only results do) and nothing that depends on request headers is a result.
 *
 * <p>memcached is an optimisation, never a dependency: a lookup waits at most {@code wait} and
 * any failure (down, slow, restarted, full queue) is a miss, counted and reported in a
 * rate-limited warning; stores are asynchronous and bounded in memory. spymemcached reconnects by
 * itself; keys are spread over the servers by consistent hashing (ketama), so every instance with
 * the same server list finds the same server for a key.
 */
public final class MemcachedResultCache implements ResultCache {
    private static final Logger LOG = LoggerFactory.getLogger(MemcachedResultCache.class);
    /** memcached's default item size limit (-I 1m), until the servers tell theirs. */
    static final int DEFAULT_ITEM_SIZE = 1024 * 1024;
    /** Room for memcached's own item header and our key inside one item. */
    private static final int ITEM_MARGIN = 512;
    /** memcached reads an expiry beyond 30 days as an absolute Unix time: clamp instead. */
    static final int MAX_RELATIVE_EXPIRY = 30 * 24 * 3600;
    /** Stores not yet acknowledged may hold at most this many bytes (memcached stuck, not closed). */
    private static final long MAX_PENDING_STORE_BYTES = 64L << 20;
    private static final Duration STARTUP_CONNECT_WAIT = Duration.ofSeconds(2);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
    /** After this many failures in a row, memcached is left alone for {@link #PAUSE_NANOS}. */
    private static final int FAILURES_BEFORE_PAUSE = 10;
    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MemcachedClient lookups;
    private final MemcachedClient stores;
    private final ResultCodec codec;
    private final int expirySeconds;
    private final long waitMillis;
    private final ExecutorService listeners;
    private volatile int itemSize = DEFAULT_ITEM_SIZE;
    private final AtomicLong pendingStoreBytes = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final RateLimitedWarning warning;
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile long pausedUntil = System.nanoTime();

    private MemcachedResultCache(MemcachedClient lookups, MemcachedClient stores, ExecutorService listeners,
                                 ResultCodec codec, int expirySeconds, long waitMillis) {
        this.lookups = lookups;
        this.stores = stores;
        this.listeners = listeners;
        this.codec = codec;
        this.expirySeconds = expirySeconds;
        this.waitMillis = waitMillis;
        this.warning = new RateLimitedWarning(LOG, TimeUnit.SECONDS.toNanos(30), System::nanoTime);
    }

    /**
     * Starts a client for {@code servers} (connections are opened in the background: a server that
     * is down now is simply retried).
     *
     * @param expirySeconds MEMCACHED_TIMEOUT; 0 = no expiry
     * @param wait          the longest a lookup may delay a request
     */
    public static MemcachedResultCache connect(List<MemcachedServer> servers, int expirySeconds, Duration wait,
                                               String namespace) throws IOException {
        if (servers.isEmpty()) throw new IllegalArgumentException("no memcached server");
        // spymemcached logs to stderr by itself; route it through SLF4J (read once, when its first logger is made)
        if (System.getProperty("net.spy.log.LoggerImpl") == null) {
            System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (MemcachedServer s : servers) addresses.add(new InetSocketAddress(s.host(), s.port()));
        ExecutorService listeners = Executors.newVirtualThreadPerTaskExecutor();
        // Lookups and stores on separate connections: memcached answers a connection's operations
        // in order, and a lookup queued behind megabytes of stores (every miss stores its result)
        // would miss its bound for no fault of the server.
        MemcachedClient lookups = new MemcachedClient(factory(wait, listeners), addresses);
        MemcachedClient stores = new MemcachedClient(factory(STORE_TIMEOUT, listeners), addresses);
        awaitFirstConnection(lookups, servers);
        awaitFirstConnection(stores, servers);
        int expiry = Math.min(Math.max(0, expirySeconds), MAX_RELATIVE_EXPIRY);
        MemcachedResultCache cache = new MemcachedResultCache(lookups, stores, listeners, new ResultCodec(namespace),
                expiry, Math.max(1, wait.toMillis()));
        Thread.ofVirtual().name("memcached-settings").start(cache::learnItemSize);
        return cache;
    }

    private static ConnectionFactory factory(Duration opTimeout, ExecutorService listeners) {
        return new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                // the same server list gives every instance the same server for a key
                .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
                .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                // a server that is down answers at once (cancelled), instead of holding requests
                .setFailureMode(FailureMode.Cancel)
                .setOpTimeout(opTimeout.toMillis())
                // a slow answer is not a broken connection (dropping it would cancel everything in
                // flight): a restarted server closes the connection, a hung one is paused in get()
                .setTimeoutExceptionThreshold(1000)
                .setMaxReconnectDelay(2)
                .setOpQueueFactory(new ArrayOperationQueueFactory(4096))
                .setOpQueueMaxBlockTime(0)
                .setUseNagleAlgorithm(false)
                .setDaemon(true)
                .setListenerExecutorService(listeners)
                .build();
    }

    /**
     * Operations on a server not connected yet are cancelled: give the first connection a moment
     * at startup (only then), so that the first requests already share their results.
     */
    private static void awaitFirstConnection(MemcachedClient client, List<MemcachedServer> servers) {
        CountDownLatch connected = new CountDownLatch(1);
        client.addObserver(new ConnectionObserver() {
            @Override
            public void connectionEstablished(SocketAddress sa, int reconnectCount) { connected.countDown(); }

            @Override
            public void connectionLost(SocketAddress sa) {
            }
        });
        if (!client.getAvailableServers().isEmpty()) connected.countDown();
        try {
            if (!connected.await(STARTUP_CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("memcached at {} not reachable yet; serving from the image until it is", servers);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<EncodedResult> get(ResultKey key) {
        if (paused()) {
            errors.increment();
            return Optional.empty();
        }
        GetFuture<byte[]> future;
        try {
            future = lookups.asyncGet(codec.key(key), RawTranscoder.INSTANCE);
        } catch (RuntimeException e) {
            return failed("lookup refused", e);
        }
        try {
            byte[] value = future.get(waitMillis, TimeUnit.MILLISECONDS);
            Optional<EncodedResult> result = codec.decode(key, value);
            consecutiveFailures.set(0);
            (result.isPresent() ? hits : misses).increment();
            return result;
        } catch (TimeoutException e) {
            future.cancel(false);
            return failed("lookup took longer than " + waitMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            return failed("lookup interrupted", e);
        } catch (ExecutionException | RuntimeException e) {
            return failed("lookup failed", e);
        }
    }

    @Override
    public void put(ResultKey key, EncodedResult result) {
        long size = (long) result.data().length + codec.overhead(key);
        if (size > itemSize - ITEM_MARGIN) {
            skipped.increment();
            return;
        }
        if (paused()) {
            errors.increment();
            return;
        }
        if (pendingStoreBytes.addAndGet(size) > MAX_PENDING_STORE_BYTES) {
            pendingStoreBytes.addAndGet(-size);
            errors.increment();
            warning.warn("memcached: stores are not acknowledged (server slow or stuck); not storing more for now");
            return;
        }
        try {
            OperationFuture<Boolean> f = stores.set(codec.key(key), expirySeconds, codec.encode(key, result),
                    RawTranscoder.INSTANCE);
            f.addListener(done -> {
                pendingStoreBytes.addAndGet(-size);
                if (done.getStatus() != null && done.getStatus().isSuccess()) {
                    stored.increment();
                } else {
                    errors.increment();
                    warning.warn("memcached: store failed: "
                            + (done.getStatus() == null ? "no status" : done.getStatus().getMessage()));
                }
            });
        } catch (RuntimeException e) {
            pendingStoreBytes.addAndGet(-size);
            failed("store refused", e);
        }
    }

    /**
     * While memcached keeps failing (a hung server accepts connections but never answers), each
     * lookup would cost the full wait: after a few failures in a row it is left alone for a moment.
     */
    private boolean paused() { return System.nanoTime() - pausedUntil < 0; }

    private Optional<EncodedResult> failed(String what, Exception e) {
        errors.increment();
        if (consecutiveFailures.incrementAndGet() >= FAILURES_BEFORE_PAUSE) {
            consecutiveFailures.set(0);
            pausedUntil = System.nanoTime() + PAUSE_NANOS;
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        warning.warn("memcached: " + what + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); serving from the image");
        return Optional.empty();
    }

    /** Asks the servers for their item size limit (memcached -I); the smallest one bounds what we store. */
    private void learnItemSize() {
        // the connections open in the background: ask a few times before settling for the default
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                Map<SocketAddress, Map<String, String>> settings = lookups.getStats("settings");
                int smallest = Integer.MAX_VALUE;
                for (Map<String, String> s : settings.values()) {
                    String v = s.get("item_size_max");
                    if (v != null) smallest = Math.min(smallest, Integer.parseInt(v.trim()));
                }
                if (smallest != Integer.MAX_VALUE && smallest > ITEM_MARGIN) {
                    itemSize = smallest;
                    LOG.info("memcached item size limit: {} bytes", smallest);
                    return;
                }
            } catch (RuntimeException e) {
                LOG.debug("memcached settings not available yet: {}", e.toString());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
        LOG.info("memcached item size limit unknown; assuming {} bytes", DEFAULT_ITEM_SIZE);
    }

    /** The item size currently respected (for tests and the status page). */
    public int itemSize() { return itemSize; }

    @Override
    public void clear() {
        // shared by every instance: one instance's SIGHUP must not empty it for all
    }

    @Override
    public List<TierStats> stats() {
        return List.of(new TierStats("memcached", hits.sum(), misses.sum(), errors.sum(), stored.sum(), skipped.sum(),
                0, -1, -1));
    }

    @Override
    public void close() {
        lookups.shutdown(1, TimeUnit.SECONDS);
        stores.shutdown(1, TimeUnit.SECONDS);
        listeners.close();
    }

    /** Stores bytes as they are: no Java serialisation, no compression (the images are compressed). */
    private static final class RawTranscoder implements Transcoder<byte[]> {
        static final RawTranscoder INSTANCE = new RawTranscoder();

        @Override
        public boolean asyncDecode(CachedData d) { return false; }

        @Override
        public CachedData encode(byte[] o) { return new CachedData(0, o, Integer.MAX_VALUE); }

        @Override
        public byte[] decode(CachedData d) { return d.getData(); }

        @Override
        public int getMaxSize() { return Integer.MAX_VALUE; }
    }
}
