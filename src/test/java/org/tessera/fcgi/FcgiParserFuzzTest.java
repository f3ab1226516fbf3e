package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the FastCGI record stream: any byte sequence a peer may send either
 * parses into requests within the limits or ends with {@link IOException} (the connection is
 * closed); nothing else may escape. Seeds: src/test/resources/org/tessera/fcgi/FcgiParserFuzzTestInputs.
 * See docs/hardening.md for running it longer.
 */
class FcgiParserFuzzTest {
    private static final FcgiLimits LIMITS = new FcgiLimits(16, 8, 4096, 16_384);

    @FuzzTest(maxDuration = "25s")
    void anyRecordStream(byte[] input) {
        Set<Integer> begun = new HashSet<>();
        FcgiParser.Listener listener = new FcgiParser.Listener() {
            @Override
            public boolean onBeginRequest(int requestId, int role, boolean keepConn) {
                assertTrue(requestId >= 0 && requestId <= 0xFFFF, "request id " + requestId);
                begun.add(requestId);
                return role == Fcgi.RESPONDER && requestId % 7 != 3;   // refuse some, as a busy server does
            }

            @Override
            public void onRequest(int requestId, Map<String, String> params, byte[] stdin) {
                assertTrue(begun.contains(requestId), "request " + requestId + " completed without BEGIN_REQUEST");
                assertNotNull(params);
                long paramBytes = 0;
                for (Map.Entry<String, String> e : params.entrySet()) {
                    paramBytes += e.getKey().length() + e.getValue().length();
                }
                assertTrue(paramBytes <= LIMITS.maxParamsBytes(), "params " + paramBytes + " bytes");
                assertTrue(stdin.length <= LIMITS.maxStdinBytes(), "stdin " + stdin.length + " bytes");
            }

            @Override
            public void onAbortRequest(int requestId) {
            }

            @Override
            public void onGetValues(Map<String, String> query) {
                assertNotNull(query);
            }

            @Override
            public void onUnknownType(int type) {
            }
        };
        try {
            new FcgiParser(new ByteArrayInputStream(input), listener, LIMITS).run();
        } catch (IOException e) {
            // malformed input: the connection is closed with one log line
        }
    }
}
