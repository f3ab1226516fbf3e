package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training run behind the launcher's start-up cache: every request it sends must succeed. */
class TrainingTest {
    private static final Path SAMPLE = Path.of("test-images/tessera-sample.tif").toAbsolutePath();

    @Test
    void everyTrainingRequestIsAnswered200() throws Exception {
        assertEquals(0, Training.run(new String[] {SAMPLE.toString(), "1"}));
    }

    @Test
    void queriesCoverEveryTileOfEveryLevelAndTheOtherProtocols() throws Exception {
        List<String> q = Training.queries(SAMPLE);
        // 3000x2000 in 256px tiles: 12x8 + 6x4 + 3x2 + 2x1 + 1 = 129 tiles, over IIP and IIIF each
        assertEquals(129, q.stream().filter(s -> s.contains("&JTL=")).count());
        assertEquals(129 + 6, q.stream().filter(s -> s.endsWith("/0/default.jpg") && s.startsWith("/iiif/") && !s.contains("/full/")).count());
        assertTrue(q.stream().anyMatch(s -> s.startsWith("DeepZoom=")));
        assertTrue(q.stream().anyMatch(s -> s.contains("CVT=jpeg")));
        assertTrue(q.stream().anyMatch(s -> s.endsWith("info.json")));
    }
}
