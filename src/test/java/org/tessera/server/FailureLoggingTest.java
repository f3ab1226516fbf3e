package org.tessera.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.testing.TestPattern;
import org.tessera.testing.TiffWriter;

/** A failed request leaves exactly one warning in the log, with the cause: not one per layer it passed. */
class FailureLoggingTest {
    @TempDir
    Path dir;

    @Test
    void aServerErrorIsLoggedOnceWithItsCause() throws Exception {
        Path f = dir.resolve("garbage.tif");
        new TiffWriter().compression(TiffWriter.Compression.LZW).write(TestPattern.image(600, 400, 3), f);
        byte[] b = Files.readAllBytes(f);
        Arrays.fill(b, 8, 200, (byte) 0xFF); // the first tile's LZW codes now point beyond the table
        Files.write(f, b);
        Tessera t = Tessera.create(EnvConfig.parse(Map.of("FILESYSTEM_PREFIX", dir + "/", "VERBOSITY", "1")));

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        HttpResponse r;
        try {
            r = t.handler().handle(HttpRequest.get("/fcgi-bin/iipsrv.fcgi?FIF=garbage.tif&WID=600&CVT=jpeg", Map.of()));
        } finally {
            root.detachAppender(logged);
        }
        assertEquals(500, r.status());
        List<ILoggingEvent> warnings = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        String line = warnings.get(0).getFormattedMessage();
        assertTrue(line.contains("FIF=garbage.tif&WID=600&CVT=jpeg -> 500 unable to read image"), line);
        assertTrue(line.contains("TiffFormatException"), "the cause is in the one line: " + line);
    }
}
