package org.tessera.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolsTest {

    @Test
    void aMissingToolFailsUnderCiAndSkipsElsewhere() {
        assertThrows(AssertionFailedError.class, () -> RequiredTools.require(false, "nginx", true));
        assertThrows(TestAbortedException.class, () -> RequiredTools.require(false, "nginx", false));
        RequiredTools.require(true, "nginx", true);
    }
}
