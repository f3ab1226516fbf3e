package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TESSERA_WARMUP as an operator meets it: the daemon serves itself the image before its socket
 * opens, says so in the log, then serves the web server as usual and counts only its requests;
 * an image that is not there stops the start with the variable named.
 */
class WarmupIT {
    private static final Path SAMPLE = Path.of("test-images/tessera-sample.tif").toAbsolutePath();
    private Scratch scratch;
    private final List<DaemonProcess> daemons = new ArrayList<>();

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> {
        StringBuilder b = new StringBuilder();
        daemons.forEach(d -> b.append(d.diagnostics()));
        return b.toString();
    });

    @BeforeEach
    void setUp() {
        ItSupport.requireTools();
        scratch = new Scratch(getClass().getSimpleName());
        ItSupport.standardImage(scratch);
    }

    @AfterEach
    void tearDown() {
        daemons.forEach(DaemonProcess::close);
        scratch.close();
    }

    @Test
    void theWarmUpRunsBeforeTheSocketOpensAndTheDaemonThenServes() throws Exception {
        Listen listen = Listen.tcp(Ports.freePort());
        DaemonProcess d = DaemonProcess.tessera(TesseraStack.env(scratch, Map.of("VERBOSITY", "1",
                "TESSERA_WARMUP", SAMPLE.toString())), List.of("--bind", listen.bindArgument()), listen, scratch.resolve("warm"));
        daemons.add(d);
        // the socket accepts as its log line is being written: wait for the line, then compare
        Ports.await(() -> d.logText().contains("Running in standalone mode on socket"), () -> true,
                java.time.Duration.ofSeconds(20));
        String log = d.logText();
        Matcher warm = Pattern.compile("Warm-up on " + Pattern.quote(SAMPLE.toString()) + ": (\\d+) requests in (\\d+) ms").matcher(log);
        assertTrue(warm.find(), log);
        assertTrue(Integer.parseInt(warm.group(1)) > 300, "at least one pass over every request kind: " + warm.group());
        int socket = log.indexOf("Running in standalone mode on socket");
        assertTrue(socket > warm.start(), "the socket opens after the warm-up:\n" + log);

        try (FcgiClient c = new FcgiClient(listen.port())) {
            FcgiClient.Response r = c.get("FIF=" + ItSupport.IMAGE + "&JTL=0,0", false);
            assertEquals(200, r.status(), () -> new String(r.body()));
            assertEquals("image/jpeg", r.header("Content-Type"));
            assertNotNull(TestImages.decode(r.body()));
        }
        assertEquals(0, d.stop());
        assertTrue(d.logText().contains("Terminating after 1 accesses"), "the warm-up's requests are not the daemon's:\n" + d.logText());
    }

    @Test
    void aWarmUpImageThatIsNotThereStopsTheStart() {
        Listen listen = Listen.tcp(Ports.freePort());
        DaemonProcess d = DaemonProcess.start(DaemonProcess.tesseraCommand(List.of("--bind", listen.bindArgument())),
                TesseraStack.env(scratch, Map.of("TESSERA_WARMUP", "/nonexistent/warm.tif")), null, scratch.resolve("missing"));
        daemons.add(d);
        Integer code = d.awaitExit(DaemonProcess.START_TIMEOUT);
        assertEquals(1, code);
        String stderr = LogFiles.tail(d.dir().resolve("stderr.txt"));
        assertTrue(stderr.contains("TESSERA_WARMUP") && stderr.contains("/nonexistent/warm.tif"), stderr);
    }
}
