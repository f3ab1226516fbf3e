package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * config/apache-mod_proxy_fcgi.conf as shipped: Apache's balancer over two Tessera instances (TCP
 * and Unix socket) with reused connections and one shared memcached.
 */
class ApacheProxyFcgiRecipeIT extends BalancedRecipeStack {
    @Override
    void requireWebServer() {
        Recipe.requireTool(ApacheProcess.installed() && ApacheProcess.hasModule("mod_proxy_balancer.so"), "apache2");
    }

    @Override
    WebFront startWebServer(Listen tcp, Listen unix) throws Exception {
        return ApacheProcess.start(scratch.resolve("apache"),
                List.of("proxy", "proxy_fcgi", "proxy_balancer", "lbmethod_byrequests", "slotmem_shm"),
                port -> Recipe.render("apache-mod_proxy_fcgi.conf", Map.of(
                        "<VirtualHost *:80>", "<VirtualHost *:" + port + ">",
                        "fcgi://127.0.0.1:9000", "fcgi://" + tcp.bindArgument(),
                        "unix:/run/tessera/tessera-2.sock", "unix:" + unix.socket())));
    }

    @Override
    boolean resendsRequestsOfADeadInstance() { return true; }

    @Test
    void eachInstanceIsScrapedOnItsOwnPath() {
        for (int i = 1; i <= 2; i++) {
            Http.Reply r = Http.get(front.baseUrl() + "/metrics/tessera-" + i);
            assertEquals(200, r.status(), r::toString);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        }
    }
}
