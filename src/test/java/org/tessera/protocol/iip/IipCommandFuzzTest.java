package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tessera.fuzz.FuzzStack;

/**
 * Coverage-guided fuzzing of IIP request strings: the command splitter and every command's
 * argument parsing (FIF, JTL, TIL, CVT, WID, HEI, RGN, QLT, ROT, SDS, CNT, OBJ...), run through the
 * real router and renderer. Anything may be asked; the answer is a client error or an image,
 * never a 500 or an escaped exception. Seeds: src/test/resources/org/tessera/protocol/iip/IipCommandFuzzTestInputs.
 */
class IipCommandFuzzTest {
    private static final FuzzStack STACK = new FuzzStack();

    @FuzzTest(maxDuration = "25s")
    void anyRequestString(byte[] input) {
        String request = FuzzStack.text(input);
        for (Command c : CommandParser.parse(request)) {
            assertFalse(c.name().isEmpty() || c.value().isEmpty(), "empty command part in " + c);
        }
        STACK.get("/?" + request);
    }
}
