package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;

class IipErrorTest {
    private final IipFixture f = new IipFixture(Map.of());

    @Test
    void unknownCommandIsError22WithFullHeaders() {
        HttpResponse r = f.get("FIF=a.tif&FOO=1&OBJ=Max-size");
        assertEquals(400, r.status());
        assertEquals("Error/7:2 2 FOO\r\n", r.bodyText());
        assertEquals(List.of(new Header("Server", "Tessera/" + org.tessera.Version.number()), new Header("X-Powered-By", "IIPImage"),
                new Header("Content-Type", "application/vnd.netfpx"), new Header("Cache-Control", "no-cache"),
                new Header("Content-Disposition", "inline;filename=\"IIPisAMadGameClosedToOurUnderstanding.netfpx\""),
                new Header("Content-Length", "17")), r.headers());
    }

    @Test
    void nothingProducedIsError21WithTheRequestString() {
        HttpResponse r = f.get("FIF=a.tif&WID=100");
        assertEquals(400, r.status());
        assertEquals("Error/21:2 1 FIF=a.tif&WID=100\r\n", r.bodyText());
    }

    @Test
    void longLinesAreNotTruncated() {
        String name = "A_VERY_LONG_UNKNOWN_COMMAND_NAME_INDEED";
        assertEquals("Error/" + (4 + name.length()) + ":2 2 " + name + "\r\n", f.get(name + "=1").bodyText());
    }

    @Test
    void errorsAccumulateInOrder() {
        assertEquals("Error/7:2 2 FOO\r\nError/9:1 3 title\r\nError/7:2 2 BAR\r\n",
                f.get("FOO=1&OBJ=title&BAR=2").bodyText());
    }

    @Test
    void tileBeforeFifIsError13WithEmptyArgument() {
        assertEquals("Error/4:1 3 \r\n", f.get("JTL=0,0").bodyText());
    }

    @Test
    void notYetImplementedModifiersAreIgnoredNotErrors() {
        for (String m : List.of("CNT=1.2", "GAM=0.8", "INV=1", "CMP=hot", "CTW=[1,0,0]", "SHD=20,30", "MINMAX=-:0,10",
                "CNV=sobel", "LYR=3", "ICC=1")) {
            HttpResponse r = f.get("FIF=a.tif&" + m + "&JTL=0,0");
            assertEquals(200, r.status(), m);
            assertEquals("image/jpeg", r.header("Content-Type").orElseThrow(), m);
        }
    }

    @Test
    void corsLinesOnIipAnswersAndErrors() {
        IipFixture c = new IipFixture(Map.of("CORS", "*"));
        for (HttpResponse r : List.of(c.get("FIF=a.tif&OBJ=Max-size"), c.get("FOO=1"), c.get("FIF=a.tif&JTL=0,0"),
                c.get("FIF=missing.tif&JTL=0,0"))) {
            assertEquals("*", r.header("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("86400", r.header("Access-Control-Max-Age").orElseThrow());
        }
        assertFalse(f.get("FOO=1").header("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void missingImageIs404PlainText() {
        HttpResponse r = f.get("FIF=missing.tif&JTL=0,0");
        assertEquals(404, r.status());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type").orElseThrow());
        assertEquals("image not found\n", r.bodyText());
    }
}
