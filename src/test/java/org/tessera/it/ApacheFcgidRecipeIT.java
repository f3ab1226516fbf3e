package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * config/apache-mod_fcgid.conf as shipped: Apache starts the Tessera processes itself (socket on
 * fd 0), several under load, and they share their results through memcached.
 */
class ApacheFcgidRecipeIT {
    private Scratch scratch;
    private MemcachedProcess memcached;
    private ApacheProcess apache;
    private Path log;

    @RegisterExtension
    final LogsBeforeCleanup logs = new LogsBeforeCleanup(() -> (apache == null ? "" : apache.diagnostics())
            + (log == null ? "" : LogFiles.section("Tessera LOGFILE", log))
            + (memcached == null ? "" : memcached.diagnostics()));

    @BeforeEach
    void start() throws Exception {
        ItSupport.requireTools();
        Recipe.requireTool(MemcachedProcess.installed(), "memcached");
        Recipe.requireTool(ApacheProcess.installed() && ApacheProcess.hasModule("mod_fcgid.so"), "apache2 with mod_fcgid");
        scratch = new Scratch("fcgid-rec");
        Files.setPosixFilePermissions(scratch.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        ItSupport.standardImage(scratch);
        memcached = MemcachedProcess.start(scratch.resolve("memcached"));
        Path dir = scratch.resolve("apache");
        Path bin = Files.createDirectories(dir.resolve("fcgi-bin"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path ipc = Files.createDirectories(dir.resolve("fcgid"));
        for (Path d : List.of(dir, bin)) Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path d : List.of(logs, ipc)) Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        log = logs.resolve("tessera.log");
        Path wrapper = bin.resolve("iipsrv.fcgi");
        // the processes run as www-data: give them a copy of the jar they can read wherever the build is
        Path jar = Files.copy(DaemonProcess.tesseraJar(), bin.resolve("tessera.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> cmd = new ArrayList<>(DaemonProcess.tesseraCommand(List.of()));
        cmd.replaceAll(a -> a.equals(DaemonProcess.tesseraJar().toString()) ? jar.toString() : a);
        Files.writeString(wrapper, "#!/bin/sh\nexec " + String.join(" ", cmd) + "\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        String javaHome = Path.of(System.getProperty("java.home")).toString();
        apache = ApacheProcess.start(dir, List.of("fcgid", "alias", "rewrite"),
                port -> "FcgidIPCDir " + ipc + "\nFcgidProcessTableFile " + ipc.resolve("table") + "\n"
                        + Recipe.render("apache-mod_fcgid.conf", Map.of(
                                "\"/usr/lib/tessera/\"", "\"" + bin + "/\"",
                                "\"/srv/images/\"", "\"" + scratch.resolve("images") + "/\"",
                                "\"/var/log/tessera/tessera.log\"", "\"" + log + "\"",
                                "\"/usr/lib/jvm/temurin-25-jdk-amd64\"", "\"" + javaHome + "\"",
                                "\"127.0.0.1:11211\"", "\"" + memcached.address() + "\"")));
    }

    @AfterEach
    void stop() {
        if (apache != null) apache.close();
        if (memcached != null) memcached.close();
        if (scratch != null) scratch.close();
    }

    private long processesStarted() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("Initialisation Complete")).count() : 0;
    }

    @Test
    void apacheStartsSeveralProcessesThatShareResultsThroughMemcached() throws Exception {
        // the first request starts the first JVM
        Http.Reply first = Http.get(apache.iipUrl() + "?FIF=" + ItSupport.IMAGE + "&JTL=3,0");
        assertEquals(200, first.status(), first::toString);
        Http.Reply iiif = Http.get(apache.baseUrl() + "/iiif/" + ItSupport.IMAGE + "/info.json");
        assertEquals(200, iiif.status(), iiif::toString);
        assertTrue(iiif.text().replace(" ", "").contains("\"width\":" + ItSupport.WIDTH + ","), iiif::toString);

        // concurrent load: mod_fcgid sends one request at a time per process, so it starts more
        List<String> set = ScaleOutChecks.requests(20, 12, 3);
        List<Http.Reply> round1 = ScaleOutChecks.fetchAll(apache.baseUrl(), set, 6);
        ScaleOutChecks.assertAllImages(round1);
        // mod_fcgid decides to spawn only while requests queue up: keep the load on (bounded) until
        // the second JVM has started, however fast the first one answers on this machine
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (processesStarted() < 2 && System.nanoTime() < deadline) {
            ScaleOutChecks.assertAllImages(ScaleOutChecks.fetchAll(apache.baseUrl(), set, 6));
        }
        assertTrue(processesStarted() >= 2, "mod_fcgid started " + processesStarted() + " process(es)");

        // the renditions (not kept in any process's RAM) are all answered from memcached, by
        // whichever process gets them, with the bytes first produced
        long hitsBefore = memcached.stat("get_hits");
        List<Http.Reply> round2 = ScaleOutChecks.fetchAll(apache.baseUrl(), set, 6);
        for (int i = 0; i < set.size(); i++) {
            assertEquals(200, round2.get(i).status());
            org.junit.jupiter.api.Assertions.assertArrayEquals(round1.get(i).body(), round2.get(i).body(), set.get(i));
        }
        assertTrue(memcached.stat("get_hits") - hitsBefore >= 12, "renditions answered from memcached: "
                + (memcached.stat("get_hits") - hitsBefore));
    }

    @Test
    void aKilledProcessIsReplacedAndRequestsAfterwardsAreAnswered() throws Exception {
        ScaleOutChecks.assertAllImages(ScaleOutChecks.fetchAll(apache.baseUrl(), ScaleOutChecks.requests(20, 6, 11), 4));
        List<ProcessHandle> javas = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(scratch.dir().toString())
                && c.contains("java")).orElse(false)).filter(p -> p.parent().map(pp -> pp.info().command()
                .map(c -> c.endsWith("apache2")).orElse(false)).orElse(false)).forEach(javas::add);
        assertTrue(!javas.isEmpty(), "no Tessera process under apache2");
        Signals.send(javas.get(0).pid(), "KILL");
        Signals.awaitGone(javas.get(0).pid(), Duration.ofSeconds(10));
        ScaleOutChecks.assertAllImages(ScaleOutChecks.fetchAll(apache.baseUrl(), ScaleOutChecks.requests(20, 6, 31), 4));
    }
}
