package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** --bind /path/tessera.sock with nginx's fastcgi_pass unix:... (libfcgi socket semantics). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnixSocketIT {
    private Scratch scratch;
    private TesseraStack stack;
    private List<TestImages.StoredLevel> levels;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> stack == null ? "" : stack.diagnostics());

    @BeforeAll
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("unix-it");
        levels = TestImages.levels(ItSupport.standardImage(scratch));
        stack = TesseraStack.start(scratch, Listen.unix(scratch.resolve("tessera.sock")), Map.of(), false);
    }

    @AfterAll
    void stop() {
        int code = stack == null ? 0 : stack.stop();
        if (scratch != null) scratch.close();
        assertEquals(0, code, "daemon exit code after SIGTERM");
    }

    @Test
    void objAndEveryTileOverTheUnixSocket() {
        IipChecks.assertObjMatches(stack.iip(), ItSupport.IMAGE, levels);
        IipChecks.assertAllJtlTiles(stack.iip(), ItSupport.IMAGE, levels);
    }

    @Test
    void manyConcurrentRequests() throws Exception {
        TestImages.StoredLevel full = levels.get(0);
        int tiles = full.columns() * full.rows();
        int r = levels.size() - 1;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                String url = stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=" + r + "," + (i % tiles);
                replies.add(pool.submit(() -> Http.get(url)));
            }
            for (Future<Http.Reply> f : replies) {
                Http.Reply reply = f.get();
                assertEquals(200, reply.status(), reply::toString);
                assertTrue(TestImages.decode(reply.body()).getWidth() > 0);
            }
        }
    }
}
