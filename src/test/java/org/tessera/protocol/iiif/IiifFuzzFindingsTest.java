package org.tessera.protocol.iiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tessera.fuzz.FuzzStack;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;

/** Inputs IiifPathFuzzTest found, kept as plain regression tests (the inputs also live in its corpus). */
class IiifFuzzFindingsTest {
    @Test
    void aLineBreakInABaseUriIsRefusedNotEchoedIntoTheRedirect() {
        // was: 500, the Location header refused the line break only when the response was built
        String path = "12f.8/squ\nre/!11ng";
        assertEquals(400, assertThrows(HttpError.class, () -> IiifPath.parse(path)).status());
        HttpResponse r = new FuzzStack().get("/iiif/" + path);
        assertEquals(400, r.status());
        assertEquals("IIIF: control character in the request\n", r.bodyText());
        assertEquals(400, new FuzzStack().get("/iiif/a.tif\r/full/max/0/default.jpg").status());
    }
}
