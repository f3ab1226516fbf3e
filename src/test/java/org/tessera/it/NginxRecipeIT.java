package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * config/nginx.conf as shipped: an upstream of two Tessera instances, one over TCP and one over a
 * Unix socket, kept-alive connections, fastcgi_next_upstream, one shared memcached.
 */
class NginxRecipeIT extends BalancedRecipeStack {
    @Override
    void requireWebServer() {
        // nginx is among the tools every integration test needs
    }

    @Override
    WebFront startWebServer(Listen tcp, Listen unix) throws Exception {
        return NginxRecipe.start(scratch.resolve("nginx"), tcp, unix);
    }

    @Override
    boolean resendsRequestsOfADeadInstance() { return true; }

    @Test
    void eachInstanceIsScrapedOnItsOwnPath() {
        Http.get(instances.get(1).direct() + "/fcgi-bin/iipsrv.fcgi?FIF=" + ItSupport.IMAGE + "&JTL=3,1");
        for (int i = 0; i < 2; i++) {
            Http.Reply r = Http.get(front.baseUrl() + "/metrics/tessera-" + (i + 1));
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.contentType().startsWith("text/plain; version=0.0.4"), r::toString);
            double iip = PromText.parse(r.text()).getOrDefault("tessera_requests_total{protocol=\"iip\",status=\"200\"}", 0.0);
            assertEquals(i == 1 ? 1.0 : 0.0, iip, "instance " + (i + 1) + " answered its own page");
        }
        Http.Reply status = Http.get(front.baseUrl() + "/status");
        assertEquals("application/json", status.contentType());
        assertTrue(status.text().contains("\"memcached\": {"), status.text());
    }
}
