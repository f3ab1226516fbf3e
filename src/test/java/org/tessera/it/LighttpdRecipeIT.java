package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * config/lighttpd.conf as shipped: lighttpd's FastCGI balancing over two Tessera instances (TCP and
 * Unix socket) and one shared memcached. lighttpd retries a refused connection elsewhere, but
 * never resends a request a dead instance had.
 */
class LighttpdRecipeIT extends BalancedRecipeStack {
    @Override
    void requireWebServer() {
        Recipe.requireTool(LighttpdProcess.installed(), "lighttpd");
    }

    @Override
    WebFront startWebServer(Listen tcp, Listen unix) throws Exception {
        return LighttpdProcess.start(scratch.resolve("lighttpd"), Recipe.render("lighttpd.conf", Map.of(
                "\"port\" => 9000", "\"port\" => " + tcp.port(),
                "/run/tessera/tessera-2.sock", unix.socket().toString())));
    }

    @Override
    boolean resendsRequestsOfADeadInstance() { return false; }

    @Test
    void eachInstanceIsScrapedOnItsOwnPath() {
        for (int i = 1; i <= 2; i++) {
            Http.Reply r = Http.get(front.baseUrl() + "/metrics/tessera-" + i);
            assertEquals(200, r.status(), r::toString);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        }
    }
}
