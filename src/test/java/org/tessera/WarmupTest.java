package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tessera.config.ConfigException;

/** TESSERA_WARMUP: which image, and the warm-up it runs before the server accepts connections. */
class WarmupTest {
    private static final Path SAMPLE = Path.of("test-images/tessera-sample.tif").toAbsolutePath();

    @Test
    void unsetEmptyOrZeroMeansNoWarmUp() {
        assertEquals(Optional.empty(), Warmup.image(Map.of()));
        assertEquals(Optional.empty(), Warmup.image(Map.of("TESSERA_WARMUP", "")));
        assertEquals(Optional.empty(), Warmup.image(Map.of("TESSERA_WARMUP", "0")));
    }

    @Test
    void anImageThatIsNotThereStopsTheStartWithTheVariableNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Warmup.image(Map.of("TESSERA_WARMUP", "/nonexistent/warm.tif")));
        assertTrue(e.getMessage().contains("TESSERA_WARMUP"), e.getMessage());
        assertEquals(Optional.of(SAMPLE), Warmup.image(Map.of("TESSERA_WARMUP", SAMPLE.toString())));
    }

    @Test
    void theWarmUpServesEveryPathOnceThenTilesWithinItsTimeBound() throws Exception {
        Training.Outcome one = Training.warmUp(SAMPLE, 0, 60_000);
        assertEquals(0, one.failures());
        long everyPath = Training.queries(SAMPLE).stream().filter(q -> !q.contains("/full/max/")).count();
        assertEquals(everyPath, one.requests(), "one pass over every query but the full-size PNG");
        long tiles = Training.queries(SAMPLE).stream().filter(Training::isTileRequest).count();
        Training.Outcome three = Training.warmUp(SAMPLE, 2, 60_000);
        assertEquals(everyPath + 2 * tiles, three.requests());
        assertEquals(0, three.failures());
        // a bound already passed: the first pass still runs, no tile pass does
        assertEquals(everyPath, Training.warmUp(SAMPLE, 5, 0).requests());
    }

    /**
     * A server's first requests are misses: the warm-up's cache is small enough that most of its
     * tile passes go to the image and store their result, and large enough that some hit.
     */
    @Test
    void theWarmUpTrainsTheMissPathMostAndTheHitPathToo() throws Exception {
        long tiles = Training.queries(SAMPLE).stream().filter(Training::isTileRequest).count();
        Training.Outcome first = Training.warmUp(SAMPLE, 0, 60_000);
        Training.Outcome more = Training.warmUp(SAMPLE, 4, 60_000);
        long tilePassMisses = more.cacheMisses() - first.cacheMisses();
        long tilePassHits = more.cacheHits() - first.cacheHits();
        assertTrue(tilePassMisses > 4 * tiles / 2, tilePassMisses + " misses in 4 passes of " + tiles + " tiles");
        assertTrue(tilePassHits > 0, "no hit in 4 passes of " + tiles + " tiles");
        // the few IIIF region renders among the passes' requests are not looked up: only tiles are kept in RAM
        long lookups = tilePassMisses + tilePassHits;
        assertTrue(lookups <= 4 * tiles && lookups >= 4 * tiles * 95 / 100, lookups + " lookups for " + 4 * tiles + " tile requests");
    }

    /**
     * The warm-up's one-shot connections are closed by the server first, as behind a web server:
     * their TIME_WAIT stays on the private listening port. Closed by the client, each would hold
     * one of the host's ephemeral ports for a minute after every start, and another program
     * binding a port in that range then fails although nothing listens on it.
     */
    @Test
    void theWarmUpLeavesNoEphemeralPortsInTimeWait() throws Exception {
        Set<String> before = timeWaits();
        Training.Outcome o = Training.warmUp(SAMPLE, 1, 60_000);
        assertEquals(0, o.failures());
        List<String[]> fresh = timeWaits().stream().filter(e -> !before.contains(e)).map(e -> e.split(" ")).toList();
        // the private listening port: the local end of the server's closed connections
        Map<String, Long> byLocal = fresh.stream().collect(Collectors.groupingBy(e -> port(e[0]), Collectors.counting()));
        String listening = byLocal.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long serverSide = byLocal.get(listening);
        long clientSide = fresh.stream().filter(e -> port(e[1]).equals(listening)).count();
        assertTrue(serverSide > o.requests() / 4, "one-shot connections closed by the server: " + serverSide);
        // only the keep-alive connections, closed by their client at the end of each pass
        assertTrue(clientSide <= 16, clientSide + " client ports in TIME_WAIT after " + o.requests() + " requests");
    }

    /** "local remote" of every TCP connection in TIME_WAIT, from the kernel's table. */
    private static Set<String> timeWaits() throws IOException {
        Set<String> entries = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) continue;
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("06")) entries.add(f[1] + " " + f[2]);
            }
        }
        assertTrue(Files.exists(Path.of("/proc/net/tcp")), "the kernel's TCP table");
        return entries;
    }

    private static String port(String address) {
        return address.substring(address.indexOf(':') + 1);
    }
}
