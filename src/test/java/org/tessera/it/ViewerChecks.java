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

    /** Every tile OpenSeadragon needed for the initial view loaded, none failed. */
    static void assertViewLoads(String baseUrl, String image, String protocol, Path profile) {
        String url = baseUrl + "/#image=" + image + "&protocol=" + protocol;
        String dom = ChromiumProcess.dumpDom(url, profile, 20_000);
        Map<String, String> log = tileLog(dom);
        String why = protocol + ": " + log;
        assertEquals("0", log.get("data-failed"), why);
        assertTrue(Integer.parseInt(log.get("data-loaded")) > 0, why);
        assertEquals("open", log.get("data-state"), why);
        assertEquals("true", log.get("data-fully-loaded"), why);
    }
}
