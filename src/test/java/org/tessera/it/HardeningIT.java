package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration safety end to end, nginx + jar as in production: forwarding headers as
 * config/nginx.conf sets them (the daemon trusts them here, TESSERA_TRUST_FORWARDED=1, so only
 * nginx's own values may reach it), identifiers with control characters, and no existence
 * oracle between a missing file, a file outside the prefix and a non-image.
 */
class HardeningIT extends StackTestBase {
    @Override
    protected TesseraStack startStack(Scratch scratch) {
        return TesseraStack.start(scratch, Listen.tcp(Ports.freePort()), Map.of("TESSERA_TRUST_FORWARDED", "1"), true);
    }

    @Override
    protected void prepare(Scratch scratch) throws Exception {
        Files.writeString(scratch.resolve("images").resolve("notes.txt"), "not an image");
        Files.writeString(scratch.resolve("secret.txt"), "outside the prefix");
    }

    @Test
    void aClientsForwardingHeadersNeverReachTheDaemon() {
        String host = "127.0.0.1:" + stack.nginx.port();
        Http.Reply info = Http.raw(stack.base(), "/iiif/" + ItSupport.IMAGE + "/info.json", Map.of("Host", host,
                "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Prefix", "/phish",
                "X-IIIF-ID", "https://evil.example/x"));
        assertEquals(200, info.status(), info::toString);
        assertTrue(info.text().contains("\"id\" : \"http://" + host + "/iiif/" + ItSupport.IMAGE + "\""), info::toString);
        assertFalse(info.text().contains("evil"), info::toString);
    }

    @Test
    void controlCharactersInIdentifiersAreABadRequestAndForgeNoLogLine() {
        String forged = "FORGED-LINE-" + System.nanoTime();
        Http.Reply r = Http.raw(stack.base(), "/fcgi-bin/iipsrv.fcgi?FIF=" + ItSupport.IMAGE + "%0D%0A" + forged + "&OBJ=Max-size");
        assertEquals(400, r.status(), r::toString);
        Http.Reply iiif = Http.raw(stack.base(), "/iiif/a%0Ab.tif/info.json");
        assertEquals(400, iiif.status(), iiif::toString);
        for (String line : stack.daemon.logText().split("\n")) {
            assertFalse(line.startsWith(forged), () -> "forged log line: " + line);
        }
        assertTrue(stack.daemon.isAlive());
    }

    @Test
    void missingOutsideAndNonImageFilesLookTheSame() {
        Http.Reply missing = Http.raw(stack.base(), "/fcgi-bin/iipsrv.fcgi?FIF=missing.tif&OBJ=Max-size");
        for (String fif : new String[] {"notes.txt", "../secret.txt", "../outside-missing.txt"}) {
            Http.Reply r = Http.raw(stack.base(), "/fcgi-bin/iipsrv.fcgi?FIF=" + fif + "&OBJ=Max-size");
            assertEquals(missing.status(), r.status(), () -> fif + ": " + r);
            assertEquals(missing.text(), r.text(), fif);
        }
        for (String id : new String[] {"notes.txt", "missing.tif"}) {
            Http.Reply r = Http.raw(stack.base(), "/iiif/" + id + "/info.json");
            assertEquals(404, r.status(), () -> id + ": " + r);
            assertEquals("image not found\n", r.text(), id);
        }
    }
}
