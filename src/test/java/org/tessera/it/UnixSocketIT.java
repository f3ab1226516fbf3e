package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** --bind /path/tessera.sock with nginx's fastcgi_pass unix:... (libfcgi socket semantics). */
class UnixSocketIT extends StackTestBase {
    @Override
    protected TesseraStack startStack(Scratch scratch) {
        return TesseraStack.start(scratch, Listen.unix(scratch.resolve("tessera.sock")), Map.of(), false);
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
