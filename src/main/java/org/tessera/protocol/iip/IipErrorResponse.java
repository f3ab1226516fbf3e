package org.tessera.protocol.iip;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.Responses;

/**
 * The response carrying IIP {@code Error/...} lines. Deliberately 400 Bad Request with proper
 * framing: iipsrv's header block is broken by an empty status line so clients see 200 and a
 * garbled body (it answered 400 until 2020).
 */
final class IipErrorResponse {
    static final String DISPOSITION = "inline;filename=\"IIPisAMadGameClosedToOurUnderstanding.netfpx\"";

    private IipErrorResponse() {
    }

    static HttpResponse of(Responses responses, List<IipError> errors) {
        StringBuilder body = new StringBuilder();
        for (IipError e : errors) body.append(e.line()).append("\r\n");
        List<Header> h = responses.base();
        h.add(new Header("Content-Type", Session.NETFPX));
        h.add(new Header("Cache-Control", "no-cache"));
        h.add(new Header("Content-Disposition", DISPOSITION));
        return responses.finish(400, h, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
