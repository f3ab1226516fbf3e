package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * iipsrv-behaviour.md section 1.3: SIGTERM, SIGINT and SIGUSR1 log "Caught (strsignal name)
 * signal. Terminating after N accesses" and end the daemon with 0 once the requests in flight are
 * answered; SIGHUP only empties the caches.
 */
class SignalsIT {
    private Scratch scratch;
    private TesseraStack stack;
    private int port;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> stack == null ? "" : stack.diagnostics());

    @BeforeEach
    void start() {
        ItSupport.requireTools();
        scratch = new Scratch("sig-it");
        ItSupport.standardImage(scratch);
        port = Ports.freePort();
        stack = TesseraStack.start(scratch, Listen.tcp(port), Map.of("TIFF_COMPRESSION", "0"), true);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.stop();
        if (scratch != null) scratch.close();
    }

    @ParameterizedTest
    @CsvSource({"TERM, Terminated", "INT, Interrupt", "USR1, User defined signal 1"})
    void stopSignalsLogTheAccessCountAndExitWithZero(String signal, String name) {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(stack.iip() + "?FIF=" + ItSupport.IMAGE + "&JTL=0,0").status());
        }
        stack.daemon.signal(signal);
        Integer code = stack.daemon.awaitExit(Duration.ofSeconds(30));
        assertNotNull(code, "still running 30 s after SIG" + signal);
        assertEquals(0, code);
        String log = stack.daemon.logText();
        assertTrue(log.contains("Caught " + name + " signal. Terminating after 3 accesses"), log);
    }

    @Test
    void aRequestInFlightIsAnsweredBeforeTheDaemonExits() throws Exception {
        // an uncompressed 3000x2200 TIFF (19.8 MB) cannot fit in the socket buffers of a client
        // that reads nothing: the daemon is still writing it when the signal arrives
        String uri = "/iiif/" + ItSupport.IMAGE + "/full/^3000,/0/default.tif";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("REQUEST_METHOD", "GET");
        params.put("QUERY_STRING", "");
        params.put("REQUEST_URI", uri);
        params.put("SCRIPT_NAME", uri);
        params.put("SERVER_NAME", "localhost");
        params.put("SERVER_PORT", "80");
        try (FcgiRawRequest request = FcgiRawRequest.send(port, params)) {
            // VERBOSITY 2 logs each request once its answer is ready, before it is written
            boolean answered = Ports.await(() -> stack.daemon.logText().contains("default.tif 200 "), stack.daemon::isAlive,
                    Duration.ofSeconds(60));
            assertTrue(answered, "the daemon did not log the answer");
            stack.daemon.signal("TERM");
            Thread.sleep(1000);
            assertTrue(stack.daemon.isAlive(), "the daemon must wait for the request in flight");
            byte[] answer = request.answer();
            String head = new String(answer, 0, Math.min(answer.length, 4000), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("Status: 200") || !head.startsWith("Status:"), head);
            assertTrue(head.contains("Content-Type: image/tiff"), head);
            int bodyAt = head.indexOf("\r\n\r\n") + 4;
            BufferedImage image = TestImages.decode(Arrays.copyOfRange(answer, bodyAt, answer.length));
            assertEquals(3000, image.getWidth());
            assertEquals(2200, image.getHeight());
        }
        Integer code = stack.daemon.awaitExit(Duration.ofSeconds(30));
        assertNotNull(code, "still running 30 s after SIGTERM");
        assertEquals(0, code);
        assertTrue(stack.daemon.logText().contains("Caught Terminated signal. Terminating after 1 accesses"),
                stack.daemon.logText());
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
        assertTrue(stack.daemon.logText().contains("Caught Hangup signal. Emptying internal caches"), stack.daemon.logText());
        assertEquals(0, stack.stop(), "exit code after SIGTERM following SIGHUP");
    }
}
