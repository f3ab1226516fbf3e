package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** iipsrv-behaviour.md section 1.3: SIGTERM ends the daemon with 0, SIGHUP only empties caches. */
class SignalsIT {
    private Scratch scratch;
    private TesseraStack stack;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> stack == null ? "" : stack.diagnostics());

    @BeforeEach
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("sig-it");
        ItSupport.standardImage(scratch);
        stack = TesseraStack.startTcp(scratch);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.stop();
        if (scratch != null) scratch.close();
    }

    @Test
    void sigtermWhileIdleExitsWithZero() {
        assertEquals(200, Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=0,0").status());
        stack.daemon.signal("TERM");
        Integer code = stack.daemon.awaitExit(Duration.ofSeconds(30));
        assertNotNull(code, "still running 30 s after SIGTERM");
        assertEquals(0, code);
    }

    @Test
    void sighupKeepsServing() throws Exception {
        String url = stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=1,0";
        Http.Reply before = Http.get(url);
        assertEquals(200, before.status(), before::toString);
        stack.daemon.signal("HUP");
        Thread.sleep(500); // let the handler run; the daemon must neither exit nor stop answering
        assertTrue(stack.daemon.isAlive(), "SIGHUP must not end the daemon");
        Http.Reply after = Http.get(url);
        assertEquals(200, after.status(), after::toString);
        assertEquals(TestImages.decode(before.body()).getWidth(), TestImages.decode(after.body()).getWidth());
        Http.Reply obj = Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&OBJ=Max-size");
        assertTrue(obj.text().contains("Max-size:" + ItSupport.WIDTH), obj::toString);
        assertEquals(0, stack.stop(), "exit code after SIGTERM following SIGHUP");
    }
}
