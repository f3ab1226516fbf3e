package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jar's startup and peer checks, as an operator meets them: a prefix that would serve the
 * whole filesystem stops the daemon, a FastCGI socket on every interface is warned about, and
 * FCGI_WEB_SERVER_ADDRS keeps other peers (here: nginx on 127.0.0.1) out.
 */
class StartupSafetyIT {
    private Scratch scratch;
    private final List<DaemonProcess> daemons = new ArrayList<>();
    private final List<TesseraStack> stacks = new ArrayList<>();

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> {
        StringBuilder b = new StringBuilder();
        daemons.forEach(d -> b.append(d.diagnostics()));
        stacks.forEach(s -> b.append(s.diagnostics()));
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
        stacks.forEach(TesseraStack::close);
        daemons.forEach(DaemonProcess::close);
        scratch.close();
    }

    @Test
    void aPrefixConfiningToTheRootStopsTheDaemon() {
        Listen listen = Listen.tcp(Ports.freePort());
        DaemonProcess d = DaemonProcess.start(DaemonProcess.tesseraCommand(List.of("--bind", listen.bindArgument())),
                Map.of("FILESYSTEM_PREFIX", "/"), null, scratch.resolve("root"));
        daemons.add(d);
        Integer code = d.awaitExit(DaemonProcess.START_TIMEOUT);
        assertNotNull(code, "the daemon must not start");
        assertEquals(1, code);
        String stderr = LogFiles.tail(d.dir().resolve("stderr.txt"));
        assertTrue(stderr.contains("tessera: configuration error: FILESYSTEM_PREFIX='/' confines images to '/'"), stderr);
        assertTrue(stderr.contains("TESSERA_ALLOW_FILESYSTEM_ROOT=1"), stderr);
    }

    @Test
    void allowingTheRootExplicitlyStartsIt() throws InterruptedException {
        Listen listen = Listen.tcp(Ports.freePort());
        DaemonProcess d = DaemonProcess.tessera(Map.of("FILESYSTEM_PREFIX", "/", "TESSERA_ALLOW_FILESYSTEM_ROOT", "1"),
                List.of("--bind", listen.bindArgument()), listen, scratch.resolve("allowed"));
        daemons.add(d);
        // accepting starts before the signal handlers are installed: wait for the end of startup
        long deadline = System.nanoTime() + DaemonProcess.START_TIMEOUT.toNanos();
        while (!d.logText().contains("Initialisation Complete.") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(d.logText().contains("Initialisation Complete."), d.logText());
        assertTrue(d.isAlive());
        assertEquals(0, d.stop());
    }

    @Test
    void bindingEveryInterfaceIsWarnedAbout() {
        int port = Ports.freePort();
        DaemonProcess d = DaemonProcess.tessera(TesseraStack.env(scratch, Map.of()), List.of("--bind", ":" + port),
                Listen.tcp(port), scratch.resolve("every"));
        daemons.add(d);
        assertTrue(d.logText().contains("WARN") && d.logText().contains("FastCGI listens on every network interface (--bind :"
                + port + ")"), d.logText());
    }

    @Test
    void webServersOutsideTheAllowlistAreRefused() {
        TesseraStack refused = TesseraStack.start(scratch, Listen.tcp(Ports.freePort()),
                Map.of("FCGI_WEB_SERVER_ADDRS", "192.0.2.1"), false);
        stacks.add(refused);
        Http.Reply r = Http.get(refused.iip() + "?FIF=" + ItSupport.IMAGE + "&OBJ=Max-size");
        assertEquals(502, r.status(), r::toString); // nginx: the upstream closed the connection at once
        assertTrue(refused.daemon.logText().contains("refused FastCGI connection from /127.0.0.1"), refused.daemon.logText());
        assertTrue(refused.daemon.isAlive());
        refused.close();
        stacks.remove(refused);

        TesseraStack allowed = TesseraStack.start(scratch, Listen.tcp(Ports.freePort()),
                Map.of("FCGI_WEB_SERVER_ADDRS", "192.0.2.1, 127.0.0.1"), false);
        stacks.add(allowed);
        Http.Reply ok = Http.get(allowed.iip() + "?FIF=" + ItSupport.IMAGE + "&OBJ=Max-size");
        assertEquals(200, ok.status(), ok::toString);
        assertEquals(0, allowed.stop());
        stacks.remove(allowed);
    }
}
