package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * config/nginx.conf as shipped: an upstream of two Tessera instances, one over TCP and one over a
 * Unix socket, kept-alive connections, fastcgi_next_upstream, one shared memcached.
 */
class NginxRecipeIT {
    private Scratch scratch;
    private MemcachedProcess memcached;
    private Instances instances;
    private NginxRecipe nginx;

    @RegisterExtension
    final LogsBeforeCleanup logs = new LogsBeforeCleanup(() -> (instances == null ? "" : instances.diagnostics())
            + (nginx == null ? "" : nginx.diagnostics()) + (memcached == null ? "" : memcached.diagnostics()));

    @BeforeEach
    void start() {
        ItSupport.requireTools();
        Recipe.requireTool(MemcachedProcess.installed(), "memcached");
        scratch = new Scratch("ngx-rec");
        ItSupport.standardImage(scratch);
        memcached = MemcachedProcess.start(scratch.resolve("memcached"));
        Listen tcp = Listen.tcp(Ports.freePort());
        Listen unix = Listen.unix(Instances.socketDir(scratch).resolve("t2.sock"));
        instances = new Instances(scratch, List.of(tcp, unix), Map.of("MEMCACHED_SERVERS", memcached.address(),
                "URI_MAP", "iiif=>IIIF,metrics=>metrics,status=>status"));
        nginx = NginxRecipe.start(scratch.resolve("nginx"), tcp, unix);
    }

    @AfterEach
    void stop() {
        if (nginx != null) nginx.close();
        if (instances != null) instances.close();
        if (memcached != null) memcached.close();
        if (scratch != null) scratch.close();
    }

    @Test
    void requestsSpreadOverBothInstances() throws Exception {
        ScaleOutChecks.requestsSpreadOverInstances(nginx, instances);
    }

    @Test
    void oneInstancesResultsAreServedByTheOtherFromMemcached() throws Exception {
        ScaleOutChecks.anotherInstancesResultsComeFromMemcached(nginx, instances, memcached);
    }

    @Test
    void eachInstanceIsScrapedOnItsOwnPath() {
        Http.get(instances.get(1).direct() + "/fcgi-bin/iipsrv.fcgi?FIF=" + ItSupport.IMAGE + "&JTL=3,1");
        for (int i = 0; i < 2; i++) {
            Http.Reply r = Http.get(nginx.baseUrl() + "/metrics/tessera-" + (i + 1));
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.contentType().startsWith("text/plain; version=0.0.4"), r::toString);
            double iip = PromText.parse(r.text()).getOrDefault("tessera_requests_total{protocol=\"iip\",status=\"200\"}", 0.0);
            assertEquals(i == 1 ? 1.0 : 0.0, iip, "instance " + (i + 1) + " answered its own page");
        }
        Http.Reply status = Http.get(nginx.baseUrl() + "/status");
        assertEquals("application/json", status.contentType());
        assertTrue(status.text().contains("\"memcached\": {"), status.text());
    }

    @Test
    void killingAnInstanceMidLoadLosesNoRequest() throws Exception {
        ScaleOutChecks.killingAnInstanceMidLoadLosesNothing(nginx, instances, instances.get(0), true);
    }

    @Test
    void aRollingRestartLosesNothing() throws Exception {
        ScaleOutChecks.rollingRestartLosesNothing(nginx, instances);
    }
}
