package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daemon refuses bad configuration at startup with a clear message and a non-zero exit, as iipsrv users expect. */
class StartupErrorsIT {

    private record Outcome(int code, String stderr) {
    }

    private static Outcome run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-jar", System.getProperty("tessera.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LOGFILE", "-");
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "daemon should exit by itself");
        return new Outcome(p.exitValue(), err);
    }

    @Test
    void anInvalidEnvironmentValueNamesTheVariable() throws Exception {
        Outcome o = run(Map.of("JPEG_QUALITY", "high"), "--bind", "127.0.0.1:0");
        assertEquals(1, o.code());
        assertTrue(o.stderr().contains("JPEG_QUALITY") && o.stderr().contains("high"), o.stderr());
        Outcome map = run(Map.of("URI_MAP", "iiif->IIIF"), "--bind", "127.0.0.1:0");
        assertEquals(1, map.code());
        assertTrue(map.stderr().contains("URI_MAP"), map.stderr());
    }

    @Test
    void anUnknownArgumentPrintsTheUsage() throws Exception {
        Outcome o = run(Map.of(), "--bnd", "127.0.0.1:9000");
        assertEquals(2, o.code());
        assertTrue(o.stderr().contains("unknown argument '--bnd'") && o.stderr().contains("Usage:"), o.stderr());
    }

    @Test
    void withoutBindStandardInputMustBeASocket() throws Exception {
        Outcome o = run(Map.of());
        assertEquals(1, o.code());
        assertTrue(o.stderr().contains("not a listening socket"), o.stderr());
    }

    @Test
    void aPortInUseIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String bind = "127.0.0.1:" + taken.getLocalPort();
            Outcome o = run(Map.of(), "--bind", bind);
            assertEquals(1, o.code());
            assertTrue(o.stderr().contains("Unable to open socket '" + bind + "'"), o.stderr());
        }
    }
}
