package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM options scripts/tessera derives from the configuration (its dry run prints the command). */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("scripts/tessera").toAbsolutePath();

    private static List<String> command(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("bash");
        pb.command().add(LAUNCHER.toString());
        pb.command().addAll(List.of(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("TESSERA_") || k.startsWith("MAX_IMAGE") || k.equals("JAVA_OPTS"));
        pb.environment().put("TESSERA_DRY_RUN", "1");
        pb.environment().put("TESSERA_AOT", "0");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    private static String heap(List<String> cmd) {
        return cmd.stream().filter(a -> a.startsWith("-Xmx")).findFirst().orElseThrow();
    }

    @Test
    void heapIsTheCachePlusRoomForRenders() throws Exception {
        // 256 "MB" of 1,024,000 bytes = 250 MiB; + 32 (large renders borrow from the cache)
        List<String> cmd = command(Map.of("MAX_IMAGE_CACHE_SIZE", "256"), "--bind", ":9000");
        assertEquals("-Xmx282m", heap(cmd));
        assertTrue(cmd.contains("-XX:+UseSerialGC"));
        assertTrue(cmd.contains("-Xmn24m"));
        assertTrue(cmd.contains("-XX:+ExitOnOutOfMemoryError"));
        assertEquals(List.of("-jar", "--bind", ":9000"), cmd.subList(cmd.size() - 4, cmd.size()).stream()
                .filter(a -> !a.endsWith(".jar")).toList(), "the jar, then the arguments as given");
        // iipsrv's default cache of 10 MB (9 MiB): the floor, so one large export fits without borrowing
        assertEquals("-Xmx272m", heap(command(Map.of())));
        assertEquals("-Xmx272m", heap(command(Map.of("MAX_IMAGE_CACHE_SIZE", "200"))));
        assertEquals("-Xmx273m", heap(command(Map.of("MAX_IMAGE_CACHE_SIZE", "247"))));
        assertEquals("-Xmx272m", heap(command(Map.of("MAX_IMAGE_CACHE_SIZE", "0"))));
    }

    @Test
    void largeHeapsUseG1AndABudgetSetsTheHeap() throws Exception {
        List<String> big = command(Map.of("MAX_IMAGE_CACHE_SIZE", "2048"));
        assertEquals("-Xmx2032m", heap(big));
        assertTrue(big.contains("-XX:+UseG1GC"));
        assertFalse(big.contains("-XX:+UseSerialGC"));
        assertEquals("-Xmx520m", heap(command(Map.of("TESSERA_MEMORY_MB", "600"))));
        // a budget too small for the cache is raised to cache + 32 MB of heap
        assertEquals("-Xmx282m", heap(command(Map.of("TESSERA_MEMORY_MB", "200", "MAX_IMAGE_CACHE_SIZE", "256"))));
    }

    @Test
    void javaOptsComeLastSoTheyWin() throws Exception {
        List<String> cmd = command(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseParallelGC"));
        int derived = cmd.indexOf("-Xmx272m"), own = cmd.indexOf("-Xmx1g");
        assertTrue(derived >= 0 && own > derived, cmd.toString());
        assertTrue(cmd.contains("-XX:+UseParallelGC"));
        assertFalse(cmd.contains("-XX:+UseSerialGC"), "a collector of JAVA_OPTS replaces the derived one");
    }
}
