package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
}
