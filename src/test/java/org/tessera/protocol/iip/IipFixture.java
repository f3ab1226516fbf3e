package org.tessera.protocol.iip;

import org.tessera.testing.MemoryImages;
import org.tessera.testing.RecordingRenderer;
import java.util.HashMap;
import java.util.Map;
import org.tessera.config.Config;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.server.Router;

/** A Router over MemoryImages and the real renderer (recording its requests), configured from an env map. */
final class IipFixture {
    final MemoryImages images = new MemoryImages();
    final Router router;
    final Config config;
    final RecordingRenderer renderer;

    IipFixture(Map<String, String> env) {
        this(env, Map.of());
    }

    IipFixture(Map<String, String> env, Map<String, ProtocolHandler> protocols) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("VERBOSITY", "0");
        config = EnvConfig.parse(e);
        renderer = new RecordingRenderer(() -> config);
        router = org.tessera.server.Tessera.router(config, images, renderer, protocols);
        images.add("a.tif", MemoryImages.standard());
    }

    HttpResponse get(String query) {
        return get(query, Map.of());
    }

    HttpResponse get(String query, Map<String, String> headers) {
        return router.handle(new HttpRequest("GET", "/fcgi-bin/iipsrv.fcgi?" + query, query, "http", "localhost",
                "/fcgi-bin/iipsrv.fcgi", headers, null));
    }

    HttpResponse post(String body) {
        return router.handle(new HttpRequest("POST", "/fcgi-bin/iipsrv.fcgi", "", "http", "localhost",
                "/fcgi-bin/iipsrv.fcgi", Map.of(), body.getBytes()));
    }
}
