package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daemon refuses bad configuration at startup with a clear message and a non-zero exit, as iipsrv users expect. */
class StartupErrorsIT {

    private record Outcome(int code, String stdout, String stderr) {
    }

    private static Outcome run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-jar", System.getProperty("tessera.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"));
        pb.environment().put("LOGFILE", "-");
        pb.environment().putAll(env);
        Process p = pb.start();
        // stdout is read on a second thread so neither pipe can fill up and block the daemon
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        String err = readAll(p.getErrorStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "daemon should exit by itself");
        return new Outcome(p.exitValue(), out.get(10, TimeUnit.SECONDS), err);
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    void anUnknownOptionIsNamed() throws Exception {
        Outcome o = run(Map.of(), "--bnd", "127.0.0.1:9000");
        assertEquals(2, o.code());
        assertEquals("tessera: unknown option '--bnd'\nTry 'tessera --help' for more information.\n", o.stderr());
        assertEquals("", o.stdout());
    }

    @Test
    void versionPrintsThePomVersionAndExitsZero() throws Exception {
        // the jar is named after the pom's version: tessera-<version>-all.jar
        String jar = Path.of(System.getProperty("tessera.jar")).getFileName().toString();
        String pomVersion = jar.substring("tessera-".length(), jar.length() - "-all.jar".length());
        Outcome o = run(Map.of(), "--version");
        assertEquals(0, o.code(), o.stderr());
        assertTrue(o.stdout().startsWith("Tessera " + pomVersion + "\n"), o.stdout());
        assertTrue(o.stdout().contains("IIPImage-compatible"), o.stdout());
        assertEquals("", o.stderr());
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Outcome o = run(Map.of(), "--help");
        assertEquals(0, o.code(), o.stderr());
        assertTrue(o.stdout().startsWith("Usage: tessera "), o.stdout());
        for (String option : List.of("--bind", "--backlog", "--http", "--help", "--version", "LOGFILE", "SIGUSR1")) {
            assertTrue(o.stdout().contains(option), option + " missing from --help:\n" + o.stdout());
        }
        assertEquals("", o.stderr());
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
