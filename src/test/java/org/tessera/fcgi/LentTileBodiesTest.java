package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.image.Level;
import org.tessera.server.Tessera;
import org.tessera.source.StoredTile;
import org.tessera.source.tiff.TiffImageSource;

/**
 * With the tile cache off, passed-through tiles are sent from arrays lent by a pool and reused
 * by later tiles. Many connections asking for tiles of two sizes at once, GETs and HEADs mixed,
 * must each get exactly the stored tile: an array given back before its response was written,
 * or lent to two responses, would show as another tile's bytes here.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LentTileBodiesTest {
    private static final Path IMAGES = Path.of("test-images").toAbsolutePath();

    /** Edge tiles too: trimmed from the lent array, each tile is what a server with the cache on sends. */
    @Test
    void everyTileWithTheCacheOffIsTheTileWithItOn() throws Exception {
        Tessera off = tessera("0"), on = tessera("10");
        int checked = 0, edges = 0;
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern.tif"), null)) {
            for (int level = 0; level < src.info().levelCount(); level++) {
                Level l = src.info().levels().get(level);
                int resolution = src.info().levelCount() - 1 - level;
                for (int t = 0; t < l.tileCount(); t++) {
                    String uri = "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=" + resolution + "," + t;
                    HttpResponse a = off.handler().handle(HttpRequest.get(uri, Map.of("host", "localhost")));
                    HttpResponse b = on.handler().handle(HttpRequest.get(uri, Map.of("host", "localhost")));
                    assertEquals(200, a.status(), uri);
                    assertArrayEquals(b.body(), a.body(), uri);
                    a.afterSent().run();
                    checked++;
                    if (src.storedTile(0, level, t % l.tilesAcross(), t / l.tilesAcross()).orElseThrow().needsCrop()) edges++;
                }
            }
        }
        assertTrue(checked > 30 && edges > 0, checked + " tiles, " + edges + " edge tiles");
    }

    private static Tessera tessera(String cacheMb) {
        Map<String, String> env = new HashMap<>();
        env.put("FILESYSTEM_PREFIX", IMAGES + "/");
        env.put("MAX_IMAGE_CACHE_SIZE", cacheMb);
        return Tessera.create(EnvConfig.parse(env));
    }

    @Test
    void everyConcurrentTileIsExactlyItsStoredBytes() throws Exception {
        // pattern.tif: 1536x1024 (6x4 tiles of 256) and 768x512 (3x2), all whole tiles
        Map<String, byte[]> expected = new HashMap<>();
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern.tif"), null)) {
            for (int level = 0; level < 2; level++) {
                Level l = src.info().levels().get(level);
                int resolution = src.info().levelCount() - 1 - level;
                for (int t = 0; t < l.tileCount(); t++) {
                    StoredTile s = src.storedTile(0, level, t % l.tilesAcross(), t / l.tilesAcross()).orElseThrow();
                    assertTrue(!s.needsCrop());
                    expected.put("FIF=pattern.tif&JTL=" + resolution + "," + t, s.data());
                }
            }
        }
        Tessera app = tessera("0");
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 64);
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        FcgiServer server = new FcgiServer(channel, app.handler());
        server.start();
        List<String> queries = new ArrayList<>(expected.keySet());
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        try {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int seed = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    Random rnd = new Random(seed);
                    try (RawFcgiClient client = RawFcgiClient.tcp(port)) {
                        for (int i = 0; i < 300; i++) {
                            String q = queries.get(rnd.nextInt(queries.size()));
                            boolean head = i % 7 == 3;
                            Map<String, String> params = new HashMap<>(RawFcgiClient.get("/fcgi-bin/iipsrv.fcgi?" + q));
                            if (head) params.put("REQUEST_METHOD", "HEAD");
                            int id = 1 + i % 100;
                            client.send(RawFcgiClient.request(id, true, params, new byte[0]));
                            byte[] out = client.readReply(id).stdout();
                            String reply = new String(out, StandardCharsets.ISO_8859_1);
                            int end = reply.indexOf("\r\n\r\n");
                            byte[] body = java.util.Arrays.copyOfRange(out, end + 4, out.length);
                            byte[] want = expected.get(q);
                            if (!reply.contains("Content-Length: " + want.length + "\r\n")) wrong.add(q + " length header");
                            if (head ? body.length != 0 : !java.util.Arrays.equals(want, body)) wrong.add(q + (head ? " HEAD" : " GET"));
                        }
                    } catch (Exception e) {
                        wrong.add(e.toString());
                    }
                }));
            }
            for (Thread t : clients) t.join();
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        assertEquals(List.of(), List.copyOf(wrong));
    }
}
