package org.tessera.it;

import org.tessera.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page in headless Chromium, driven over the DevTools protocol (a WebSocket on loopback) so a
 * test can poll the page's state in real time instead of guessing a virtual-time budget.
 */
final class ChromiumPage implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<String>> pending;
    private final AtomicInteger ids = new AtomicInteger();

    private ChromiumPage(Process process, Path dir, WebSocket socket, Map<Integer, CompletableFuture<String>> pending) {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
        this.pending = pending;
    }

    static ChromiumPage open(String url, Path dir) {
        Process p = null;
        try {
            Files.createDirectories(dir);
            Path profile = dir.resolve("profile");
            List<String> cmd = List.of(ChromiumProcess.CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1200,900", url);
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
            Path portFile = profile.resolve("DevToolsActivePort");
            Process proc = p;
            if (!Ports.await(() -> Files.isRegularFile(portFile) && size(portFile) > 0, proc::isAlive, Duration.ofSeconds(60))) {
                throw new IllegalStateException("chromium did not open its DevTools port\n" + LogFiles.tail(dir.resolve("chromium.log")));
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String wsUrl = null;
            for (int attempt = 0; attempt < 100 && wsUrl == null; attempt++) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (Object o : (List<?>) TestJson.parse(list)) {
                    Map<?, ?> target = (Map<?, ?>) o;
                    if ("page".equals(target.get("type")) && target.get("webSocketDebuggerUrl") != null) {
                        wsUrl = (String) target.get("webSocketDebuggerUrl");
                        break;
                    }
                }
                if (wsUrl == null) Thread.sleep(100);
            }
            if (wsUrl == null) throw new IllegalStateException("chromium has no page target");
            Listener listener = new Listener();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), listener).get(30, TimeUnit.SECONDS);
            return new ChromiumPage(p, dir, ws, listener.pending);
        } catch (IOException e) {
            if (p != null) p.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            if (p != null) p.destroyForcibly();
            throw new IllegalStateException("cannot drive chromium: " + e, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Receives DevTools replies ({"id":n,"result":...}) and completes the matching request. */
    private static final class Listener implements WebSocket.Listener {
        final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String msg = partial.toString();
                partial.setLength(0);
                Object parsed = TestJson.parse(msg);
                if (parsed instanceof Map<?, ?> m && m.get("id") instanceof Double id) {
                    CompletableFuture<String> f = pending.remove(id.intValue());
                    if (f != null) f.complete(msg);
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Evaluates a JavaScript expression returning a string in the page. */
    String evaluate(String expression) {
        int id = ids.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        String msg = "{\"id\":" + id + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":"
                + jsonString(expression) + ",\"returnByValue\":true}}";
        try {
            socket.sendText(msg, true).get(30, TimeUnit.SECONDS);
            Map<String, Object> r = TestJson.object(reply.get(30, TimeUnit.SECONDS));
            Object result = ((Map<?, ?>) ((Map<?, ?>) r.get("result")).get("result")).get("value");
            return result == null ? "" : result.toString();
        } catch (Exception e) {
            throw new IllegalStateException("DevTools evaluate failed: " + e + "\n" + LogFiles.tail(dir.resolve("chromium.log")), e);
        }
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
