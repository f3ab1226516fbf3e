package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The layout of config/nginx.conf: an upstream of two Tessera instances with kept-alive FastCGI
 * connections. Concurrent requests are all answered, and stopping one instance (a rolling
 * restart) loses no request.
 */
class TwoInstancesIT {
    private Scratch scratch;
    private DaemonProcess first;
    private DaemonProcess second;
    private NginxProcess nginx;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> (first == null ? "" : first.diagnostics())
            + (second == null ? "" : second.diagnostics()) + (nginx == null ? "" : nginx.diagnostics()));

    @BeforeEach
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("two-it");
        ItSupport.standardImage(scratch);
        Listen a = Listen.tcp(Ports.freePort());
        Listen b = Listen.tcp(Ports.freePort());
        first = DaemonProcess.tessera(TesseraStack.env(scratch, Map.of()), List.of("--bind", a.bindArgument()), a, scratch.resolve("one"));
        second = DaemonProcess.tessera(TesseraStack.env(scratch, Map.of()), List.of("--bind", b.bindArgument()), b, scratch.resolve("two"));
        nginx = NginxProcess.start(scratch.resolve("nginx"), List.of(a, b), true);
    }

    @AfterEach
    void stop() {
        if (nginx != null) nginx.close();
        if (first != null) first.stop();
        if (second != null) second.stop();
        if (scratch != null) scratch.close();
    }

    private void assertAllAnswered(int requests) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String url = nginx.iipUrl() + "?FIF=" + ItSupport.IMAGE + "&JTL=3," + (i % 30);
                replies.add(pool.submit(() -> Http.get(url)));
            }
            for (Future<Http.Reply> f : replies) {
                Http.Reply r = f.get();
                assertEquals(200, r.status(), r::toString);
                assertTrue(TestImages.decode(r.body()).getWidth() > 0);
            }
        }
    }

    @Test
    void concurrentRequestsOverBothInstances() throws Exception {
        assertAllAnswered(120);
        assertTrue(first.isAlive() && second.isAlive());
    }

    @Test
    void stoppingOneInstanceLosesNoRequest() throws Exception {
        assertAllAnswered(40);
        assertEquals(0, first.stop(), "exit code after SIGTERM");
        assertAllAnswered(80);
    }
}
