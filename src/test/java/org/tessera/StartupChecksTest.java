package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.config.Config;
import org.tessera.config.EnvConfig;
import org.tessera.fcgi.ListenAddress;

/** The startup checks that keep a careless configuration from exposing the machine. */
class StartupChecksTest {
    @TempDir
    Path dir;

    private static Config config(Map<String, String> env) {
        return EnvConfig.parse(env);
    }

    @Test
    void aPrefixThatConfinesToTheRootRefusesToStart() {
        for (String prefix : new String[] {"/", "/img_", "//"}) {
            Optional<String> refusal = Main.confinementRefusal(config(Map.of("FILESYSTEM_PREFIX", prefix)));
            assertTrue(refusal.isPresent(), prefix);
            assertTrue(refusal.get().contains("confines images to '/'"), refusal.get());
            assertTrue(refusal.get().contains("TESSERA_ALLOW_FILESYSTEM_ROOT=1"), refusal.get());
        }
        assertEquals(Optional.empty(), Main.confinementRefusal(
                config(Map.of("FILESYSTEM_PREFIX", "/", "TESSERA_ALLOW_FILESYSTEM_ROOT", "1"))), "explicitly allowed");
    }

    @Test
    void aLinkToTheRootCountsAsTheRoot() throws Exception {
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("images"), Path.of("/"));
        assertTrue(Main.confinementRefusal(config(Map.of("FILESYSTEM_PREFIX", link + "/"))).isPresent());
    }

    @Test
    void anImageFolderOrAnEmptyPrefixBelowTheRootStarts() {
        assertEquals(Optional.empty(), Main.confinementRefusal(config(Map.of("FILESYSTEM_PREFIX", dir + "/"))));
        assertEquals(Optional.empty(), Main.confinementRefusal(config(Map.of("FILESYSTEM_PREFIX", dir + "/pre_"))));
        // empty: confined to the working directory, which in this test is the project folder, not "/"
        assertTrue(Path.of("").toAbsolutePath().getParent() != null);
        assertEquals(Optional.empty(), Main.confinementRefusal(config(Map.of())));
    }

    @Test
    void bindingEveryInterfaceIsWarnedAbout() {
        for (String bind : new String[] {":9000", "*:9000", "0.0.0.0:9000"}) {
            String w = Main.bindWarning(ListenAddress.parse(bind), "").orElseThrow();
            assertTrue(w.startsWith("FastCGI listens on every network interface (--bind " + bind + ")"), w);
            assertTrue(w.contains("Bind 127.0.0.1:9000"), w);
        }
        assertTrue(Main.bindWarning(ListenAddress.parse(":9000"), "10.0.0.5").orElseThrow()
                .endsWith("but only FCGI_WEB_SERVER_ADDRS (10.0.0.5) are served."));
        assertEquals(Optional.empty(), Main.bindWarning(ListenAddress.parse("127.0.0.1:9000"), ""));
        assertEquals(Optional.empty(), Main.bindWarning(ListenAddress.parse("/run/tessera.sock"), ""));
    }

    @Test
    void theDevelopmentListenerBindsLoopbackUnlessAHostIsGiven() {
        assertEquals(new InetSocketAddress("127.0.0.1", 8080), Main.httpAddress(":8080"));
        assertEquals(new InetSocketAddress("127.0.0.1", 8080), Main.httpAddress("8080"));
        assertEquals(new InetSocketAddress("localhost", 8080), Main.httpAddress("localhost:8080"));
        assertTrue(Main.httpAddress("*:8080").getAddress().isAnyLocalAddress());
        assertTrue(Main.httpAddress("0.0.0.0:8080").getAddress().isAnyLocalAddress());
        assertTrue(Main.httpAddress("[::1]:8080").getAddress().isLoopbackAddress());
    }
}
