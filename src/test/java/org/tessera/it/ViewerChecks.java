package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens the viewer page for one image in headless Chromium and reads the page's tile record. */
final class ViewerChecks {
    private static final Pattern LOG = Pattern.compile("<pre id=\"tile-log\"([^>]*)>(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("(data-[a-z-]+)=\"([^\"]*)\"");

    private ViewerChecks() {
    }

    /** The attributes of #tile-log (data-state, data-loaded, data-failed, data-fully-loaded) and its text. */
    static Map<String, String> tileLog(String dom) {
        Matcher m = LOG.matcher(dom);
        if (!m.find()) throw new AssertionError("no #tile-log in the page:\n" + dom);
        Map<String, String> out = new HashMap<>();
        Matcher a = ATTR.matcher(m.group(1));
        while (a.find()) out.put(a.group(1), a.group(2));
        out.put("text", m.group(2));
        return out;
    }

    private static final String READ_LOG =
            "(function(){var l=document.getElementById('tile-log');return l?l.outerHTML:'';})()";

    /**
     * Every tile OpenSeadragon needed for the initial view loaded, none failed. Polls the page in
     * real time (up to 90 s) until OpenSeadragon reports the view fully loaded or something failed,
     * then waits a moment more so late failures are seen too.
     */
    static void assertViewLoads(String baseUrl, String image, String protocol, Path profile) {
        String url = baseUrl + "/#image=" + image + "&protocol=" + protocol;
        Map<String, String> log;
        try (ChromiumPage page = ChromiumPage.open(url, profile)) {
            long end = System.nanoTime() + 90_000_000_000L;
            log = readLog(page);
            while (System.nanoTime() < end && (log.isEmpty() || !"true".equals(log.get("data-fully-loaded")))
                    && (log.isEmpty() || "0".equals(log.get("data-failed"))) && !"error".equals(log.get("data-state"))) {
                sleep(250);
                log = readLog(page);
            }
            sleep(1000);
            log = tileLog(page.evaluate(READ_LOG));
        }
        String why = protocol + ": " + log;
        assertEquals("0", log.get("data-failed"), why);
        assertTrue(Integer.parseInt(log.get("data-loaded")) > 0, why);
        assertEquals("open", log.get("data-state"), why);
        assertEquals("true", log.get("data-fully-loaded"), why);
    }

    /** The tile record, or an empty map while the page is still loading. */
    private static Map<String, String> readLog(ChromiumPage page) {
        String html = page.evaluate(READ_LOG);
        return html.isEmpty() ? Map.of() : tileLog(html);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
