package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tessera.fuzz.FuzzStack;
import org.tessera.http.HttpResponse;

/** Inputs IipCommandFuzzTest found, kept as plain regression tests (the inputs also live in its corpus). */
class IipFuzzFindingsTest {
    @Test
    void aControlCharacterInTheRequestUriOfAnIiifRedirectIsAClientError() {
        // was: 500, the IIIF base-URI redirect echoed REQUEST_URI, line break included, into Location
        HttpResponse r = new FuzzStack().get("/?FIdF=ir\u0001\nf:&IIIF=Iefg");
        assertEquals(400, r.status());
        assertEquals("invalid redirect target\n", r.bodyText());
        assertEquals(303, new FuzzStack().get("/?IIIF=a.tif").status(), "without one it still redirects");
    }
}
