package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * config/lighttpd.conf as shipped: lighttpd's FastCGI balancing over two Tessera instances (TCP and
 * Unix socket) and one shared memcached.
 */
class LighttpdRecipeIT {
    private Scratch scratch;
    private MemcachedProcess memcached;
    private Instances instances;
    private LighttpdProcess lighttpd;

    @RegisterExtension
    final LogsBeforeCleanup logs = new LogsBeforeCleanup(() -> (instances == null ? "" : instances.diagnostics())
            + (lighttpd == null ? "" : lighttpd.diagnostics()) + (memcached == null ? "" : memcached.diagnostics()));

    @BeforeEach
    void start() throws Exception {
        ItSupport.requireTools();
        Recipe.requireTool(MemcachedProcess.installed(), "memcached");
        Recipe.requireTool(LighttpdProcess.installed(), "lighttpd");
        scratch = new Scratch("lty-rec");
        java.nio.file.Files.setPosixFilePermissions(scratch.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        ItSupport.standardImage(scratch);
        memcached = MemcachedProcess.start(scratch.resolve("memcached"));
        Listen tcp = Listen.tcp(Ports.freePort());
        Listen unix = Listen.unix(Instances.socketDir(scratch).resolve("t2.sock"));
        instances = new Instances(scratch, List.of(tcp, unix), Map.of("MEMCACHED_SERVERS", memcached.address(),
                "URI_MAP", "iiif=>IIIF,metrics=>metrics,status=>status"));
        lighttpd = LighttpdProcess.start(scratch.resolve("lighttpd"), Recipe.render("lighttpd.conf", Map.of(
                "\"port\" => 9000", "\"port\" => " + tcp.port(),
                "/run/tessera/tessera-2.sock", unix.socket().toString())));
    }

    @AfterEach
    void stop() {
        if (lighttpd != null) lighttpd.close();
        if (instances != null) instances.close();
        if (memcached != null) memcached.close();
        if (scratch != null) scratch.close();
    }

    @Test
    void requestsSpreadOverBothInstances() throws Exception {
        ScaleOutChecks.requestsSpreadOverInstances(lighttpd, instances);
    }

    @Test
    void oneInstancesResultsAreServedByTheOtherFromMemcached() throws Exception {
        ScaleOutChecks.anotherInstancesResultsComeFromMemcached(lighttpd, instances, memcached);
    }

    @Test
    void eachInstanceIsScrapedOnItsOwnPath() {
        for (int i = 1; i <= 2; i++) {
            Http.Reply r = Http.get(lighttpd.baseUrl() + "/metrics/tessera-" + i);
            assertEquals(200, r.status(), r::toString);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        }
    }

    /** lighttpd retries a refused connection elsewhere, but never resends a request a dead instance had. */
    @Test
    void killingAnInstanceMidLoadLosesNoRequestThatCanBeRetried() throws Exception {
        ScaleOutChecks.killingAnInstanceMidLoadLosesNothing(lighttpd, instances, instances.get(0), false);
    }

    @Test
    void aRollingRestartLosesNothing() throws Exception {
        ScaleOutChecks.rollingRestartLosesNothing(lighttpd, instances);
    }
}
