package org.tessera;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.cache.TierStats;
import org.tessera.config.Config;
import org.tessera.config.EnvConfig;
import org.tessera.config.LoggingSetup;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.server.Daemon;
import org.tessera.server.Tessera;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.source.ImageSource;

/**
 * A training run for the JVM's ahead-of-time cache (scripts/tessera builds it with
 * {@code -XX:AOTCacheOutput}, or a CDS archive on JDK 21-24): starts the real daemon on a
 * loopback FastCGI port and sends it what a viewer and its users send (every tile of the sample
 * image over IIP, IIIF, DeepZoom and Zoomify, info documents, thumbnails, region exports), over
 * keep-alive and one-shot connections, then stops it. The cache then holds the classes, linked,
 * and the method profiles of exactly the paths a server runs, so a fresh process starts hot.
 *
 * <pre>java -cp tessera-all.jar org.tessera.Training IMAGE.tif [PASSES]</pre>
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Throwable t) {
            // the daemon's threads must not keep a failed training run (and the launcher) waiting
            t.printStackTrace();
            System.exit(1);
        }
    }

    /** @return 0 when every request was answered 200, 1 otherwise (the cache would then train a broken path) */
    static int run(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: org.tessera.Training IMAGE.tif [PASSES]");
            return 2;
        }
        Path image = Path.of(args[0]).toAbsolutePath();
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isRegularFile(image)) {
            System.err.println("tessera training: no image " + image);
            return 1;
        }
        Config config = config(image, missingCacheMb(image));
        LoggingSetup.configure(config);
        List<String> queries = queries(image);
        Outcome outcome = exercise(config, List.of(), queries, passes, Long.MAX_VALUE, false);
        System.err.printf("tessera training: %d requests (%d failed) in %d ms%n", outcome.requests(), outcome.failures(),
                outcome.millis());
        return outcome.failures() > 0 ? 1 : 0;
    }

    /**
     * What one exercise served.
     *
     * @param cacheMisses lookups the RAM cache missed (each one went to the image)
     * @param cacheHits   results served from the RAM cache
     */
    public record Outcome(int requests, int failures, long millis, long cacheMisses, long cacheHits) {
    }

    /**
     * The server's warm-up at start, run before it accepts its first connection: one pass over
     * every query on {@code image} (every path a server runs), then passes over its tile requests
     * alone (most of any viewer's traffic), until {@code tilePasses} are done or {@code maxMillis}
     * have passed, from a private instance on a loopback port that is then stopped. What remains
     * is the JIT-compiled code of the hot paths. Logging is left as the caller configured it.
     */
    public static Outcome warmUp(Path image, int tilePasses, long maxMillis) throws Exception {
        // the full-size PNG would raise the process's memory high-water mark for no compiled path it lacks
        List<String> all = queries(image).stream().filter(q -> !q.contains("/full/max/")).toList();
        List<String> tiles = all.stream().filter(Training::isTileRequest).toList();
        return exercise(config(image, missingCacheMb(image)), List.of(all), tiles, tilePasses, maxMillis, true);
    }

    static boolean isTileRequest(String query) {
        return query.contains("&JTL=") || query.contains("_files/")
                || (query.startsWith("/iiif/") && !query.contains("/full/") && !query.endsWith(".json"));
    }

    /**
     * {@code firstPasses}, each a list of queries, then {@code passes} more over {@code queries}
     * as long as {@code maxMillis} have not passed.
     */
    static Outcome exercise(Config config, List<List<String>> firstPasses, List<String> queries,
                            int passes, long maxMillis, boolean collectBetweenPasses) throws Exception {
        Tessera app = Tessera.create(config);
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 64);
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        Daemon daemon = new Daemon(app, java.util.Optional.of(listener), java.util.Optional.empty(), app.handler());
        daemon.start();
        long start = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        int served = 0;
        try {
            int total = firstPasses.size() + passes;
            for (int pass = 0; pass < total && (pass < firstPasses.size() || (System.nanoTime() - start) / 1_000_000 < maxMillis); pass++) {
                List<String> round = pass < firstPasses.size() ? firstPasses.get(pass) : queries;
                List<Thread> clients = new ArrayList<>();
                int clientCount = 4;
                for (int c = 0; c < clientCount; c++) {
                    int first = c;
                    boolean keepAlive = c % 2 == 0;
                    clients.add(Thread.ofPlatform().start(() -> {
                        try {
                            client(port, round, first, clientCount, keepAlive, failures);
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                    }));
                }
                for (Thread t : clients) t.join();
                served += round.size();
                // Between passes nothing the exercise made is alive: collecting now keeps the heap
                // at its initial size instead of letting the collector grow it to hold garbage.
                if (collectBetweenPasses) System.gc();
            }
        } finally {
            daemon.stop();
        }
        TierStats ram = app.cacheStats().stream().filter(t -> t.tier().equals("ram")).findFirst()
                .orElse(new TierStats("ram", 0, 0, 0, 0, 0, 0, 0, 0));
        return new Outcome(served, failures.get(), (System.nanoTime() - start) / 1_000_000, ram.misses(), ram.hits());
    }

    /**
     * A result cache that holds about a quarter of what one pass over the image asks for: a
     * server's first requests are misses (read, store, evict), and a cache that held the whole
     * pass would turn every pass after the first into hits, leaving the miss path cold (it was
     * compiled only during the first thousand real requests, and profiled for hits). Some
     * requests still hit, so both paths are trained.
     */
    static double missingCacheMb(Path image) throws IOException {
        double quarter = Files.size(image) / 4.0 / (1 << 20);
        return Math.max(1.0 / 16, Math.min(2, quarter));
    }

    private static Config config(Path image, double cacheMb) {
        Map<String, String> env = new HashMap<>();
        env.put("FILESYSTEM_PREFIX", image.getParent() + "/");
        env.put("URI_MAP", "iiif=>IIIF");
        env.put("VERBOSITY", "0");
        env.put("MAX_IMAGE_CACHE_SIZE", Double.toString(cacheMb));
        env.put("CORS", "*");
        env.put("LOGFILE", "-");
        return EnvConfig.parse(env);
    }

    /** Query strings (and IIIF paths, as "/iiif/..."), in the proportions a viewer sends them. */
    static List<String> queries(Path image) throws IOException {
        String id = image.getFileName().toString();
        ImageInfo info;
        try (ImageSource s = TiffImageSource.open(image, null)) {
            info = s.info();
        }
        List<String> q = new ArrayList<>();
        int levels = info.levelCount();
        q.add("FIF=" + id + "&OBJ=IIP,1.0&OBJ=Max-size&OBJ=Tile-size&OBJ=Resolution-number");
        q.add("/iiif/" + id + "/info.json");
        q.add("DeepZoom=" + id + ".dzi");
        q.add("Zoomify=" + id + "/ImageProperties.xml");
        for (int r = 0; r < levels; r++) {
            Level level = info.levels().get(levels - 1 - r);
            int tiles = level.tilesAcross() * level.tilesDown();
            int dz = 32 - Integer.numberOfLeadingZeros(Math.max(info.width(), info.height()) - 1) - (levels - 1 - r);
            for (int t = 0; t < tiles; t++) {
                int col = t % level.tilesAcross(), row = t / level.tilesAcross();
                q.add("FIF=" + id + "&JTL=" + r + "," + t);
                int scale = 1 << (levels - 1 - r);
                int x = col * level.tileWidth() * scale, y = row * level.tileHeight() * scale;
                int w = Math.min(level.tileWidth() * scale, info.width() - x);
                int h = Math.min(level.tileHeight() * scale, info.height() - y);
                int sw = Math.min(level.tileWidth(), level.width() - col * level.tileWidth());
                q.add("/iiif/" + id + "/" + x + "," + y + "," + w + "," + h + "/" + sw + ",/0/default.jpg");
                if (t % 4 == 0) q.add("DeepZoom=" + id + "_files/" + dz + "/" + col + "_" + row + ".jpg");
            }
        }
        for (int i = 0; i < 6; i++) {
            int w = info.width() / (2 + i), h = info.height() / (2 + i);
            int x = (info.width() - w) * i / 6, y = (info.height() - h) * i / 7;
            q.add("/iiif/" + id + "/" + x + "," + y + "," + w + "," + h + "/" + Math.min(w, 1000) + ",/0/default.jpg");
            q.add("FIF=" + id + "&WID=" + (200 + 100 * i) + "&CVT=jpeg");
            q.add("/iiif/" + id + "/full/!" + (128 << (i % 3)) + "," + (128 << (i % 3)) + "/0/default.jpg");
        }
        q.add("/iiif/" + id + "/full/max/0/default.png");
        q.add("/iiif/" + id + "/full/!400,400/90/gray.jpg");
        return q;
    }

    private static void client(int port, List<String> queries, int first, int step, boolean keepAlive,
                               AtomicInteger failures) throws IOException {
        Socket socket = null;
        try {
            int id = 1;
            for (int i = first; i < queries.size(); i += step) {
                if (socket == null) socket = new Socket("127.0.0.1", port);
                int status = exchange(socket, id, queries.get(i), keepAlive);
                if (status != 200) failures.incrementAndGet();
                if (!keepAlive) {
                    // the server closes first, as a web server lets it: the closed connections'
                    // TIME_WAIT then stays on the private port instead of holding hundreds of the
                    // host's ephemeral ports for a minute after every start
                    awaitClose(socket);
                    socket.close();
                    socket = null;
                }
                id = id % 60000 + 1;
            }
        } finally {
            if (socket != null) socket.close();
        }
    }

    private static void awaitClose(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        byte[] rest = new byte[256];
        while (socket.getInputStream().read(rest) >= 0) {
            // nothing follows FCGI_END_REQUEST on a connection without FCGI_KEEP_CONN
        }
    }

    /** One FastCGI request; the HTTP status from the CGI head. */
    private static int exchange(Socket socket, int id, String query, boolean keepAlive) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("REQUEST_METHOD", "GET");
        if (query.startsWith("/")) {
            params.put("QUERY_STRING", "");
            params.put("REQUEST_URI", query);
            params.put("SCRIPT_NAME", query);
        } else {
            params.put("QUERY_STRING", query);
            params.put("REQUEST_URI", "/fcgi-bin/iipsrv.fcgi?" + query);
            params.put("SCRIPT_NAME", "/fcgi-bin/iipsrv.fcgi");
        }
        params.put("SERVER_NAME", "localhost");
        params.put("SERVER_PORT", "80");
        params.put("SERVER_PROTOCOL", "HTTP/1.1");
        params.put("HTTP_HOST", "localhost");
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        params.forEach((k, v) -> {
            byte[] kb = k.getBytes(StandardCharsets.UTF_8), vb = v.getBytes(StandardCharsets.UTF_8);
            length(p, kb.length);
            length(p, vb.length);
            p.writeBytes(kb);
            p.writeBytes(vb);
        });
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        record(req, 1, id, new byte[] {0, 1, (byte) (keepAlive ? 1 : 0), 0, 0, 0, 0, 0});
        record(req, 4, id, p.toByteArray());
        record(req, 4, id, new byte[0]);
        record(req, 5, id, new byte[0]);
        out.write(req.toByteArray());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        byte[] header = new byte[8];
        while (true) {
            in.readFully(header);
            int type = header[1] & 0xFF;
            int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
            byte[] content = in.readNBytes(length + (header[6] & 0xFF));
            if (type == 6) stdout.write(content, 0, length);
            if (type == 3) break;
        }
        String head = new String(stdout.toByteArray(), 0, Math.min(stdout.size(), 64), StandardCharsets.ISO_8859_1);
        return head.startsWith("Status: ") ? Integer.parseInt(head.substring(8, 11)) : 0;
    }

    private static void record(ByteArrayOutputStream out, int type, int id, byte[] content) {
        int pad = (8 - (content.length & 7)) & 7;
        out.writeBytes(new byte[] {1, (byte) type, (byte) (id >> 8), (byte) id, (byte) (content.length >> 8),
                (byte) content.length, (byte) pad, 0});
        out.writeBytes(content);
        out.writeBytes(new byte[pad]);
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 128) {
            out.write(n);
        } else {
            out.write(0x80 | (n >>> 24));
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
    }
}
