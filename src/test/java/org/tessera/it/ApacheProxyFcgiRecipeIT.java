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
 * config/apache-mod_proxy_fcgi.conf as shipped: Apache's balancer over two Tessera instances (TCP
 * and Unix socket) with reused connections and one shared memcached.
 */
class ApacheProxyFcgiRecipeIT {
    private Scratch scratch;
    private MemcachedProcess memcached;
    private Instances instances;
    private ApacheProcess apache;

    @RegisterExtension
    final LogsBeforeCleanup logs = new LogsBeforeCleanup(() -> (instances == null ? "" : instances.diagnostics())
            + (apache == null ? "" : apache.diagnostics()) + (memcached == null ? "" : memcached.diagnostics()));

    @BeforeEach
    void start() throws Exception {
        ItSupport.requireTools();
        Recipe.requireTool(MemcachedProcess.installed(), "memcached");
        Recipe.requireTool(ApacheProcess.installed() && ApacheProcess.hasModule("mod_proxy_balancer.so"), "apache2");
        scratch = new Scratch("apx-rec");
        java.nio.file.Files.setPosixFilePermissions(scratch.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        ItSupport.standardImage(scratch);
        memcached = MemcachedProcess.start(scratch.resolve("memcached"));
        Listen tcp = Listen.tcp(Ports.freePort());
        Listen unix = Listen.unix(Instances.socketDir(scratch).resolve("t2.sock"));
        instances = new Instances(scratch, List.of(tcp, unix), Map.of("MEMCACHED_SERVERS", memcached.address(),
                "URI_MAP", "iiif=>IIIF,metrics=>metrics,status=>status"));
        apache = ApacheProcess.start(scratch.resolve("apache"),
                List.of("proxy", "proxy_fcgi", "proxy_balancer", "lbmethod_byrequests", "slotmem_shm"),
                port -> Recipe.render("apache-mod_proxy_fcgi.conf", Map.of(
                        "<VirtualHost *:80>", "<VirtualHost *:" + port + ">",
                        "fcgi://127.0.0.1:9000", "fcgi://" + tcp.bindArgument(),
                        "unix:/run/tessera/tessera-2.sock", "unix:" + unix.socket())));
    }

    @AfterEach
    void stop() {
        if (apache != null) apache.close();
        if (instances != null) instances.close();
        if (memcached != null) memcached.close();
        if (scratch != null) scratch.close();
    }

    @Test
    void requestsSpreadOverBothInstances() throws Exception {
        ScaleOutChecks.requestsSpreadOverInstances(apache, instances);
    }

    @Test
    void oneInstancesResultsAreServedByTheOtherFromMemcached() throws Exception {
        ScaleOutChecks.anotherInstancesResultsComeFromMemcached(apache, instances, memcached);
    }

    @Test
    void eachInstanceIsScrapedOnItsOwnPath() {
        for (int i = 1; i <= 2; i++) {
            Http.Reply r = Http.get(apache.baseUrl() + "/metrics/tessera-" + i);
            assertEquals(200, r.status(), r::toString);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        }
    }

    @Test
    void killingAnInstanceMidLoadLosesNoRequest() throws Exception {
        ScaleOutChecks.killingAnInstanceMidLoadLosesNothing(apache, instances, instances.get(0), true);
    }

    @Test
    void aRollingRestartLosesNothing() throws Exception {
        ScaleOutChecks.rollingRestartLosesNothing(apache, instances);
    }
}
