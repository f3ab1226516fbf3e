package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The life of one nginx + Tessera stack shared by a test class: the standard test image in a
 * scratch folder, the stack started once, logs printed on failure, and a clean SIGTERM exit
 * (status 0) checked at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackTestBase {
    protected Scratch scratch;
    protected TesseraStack stack;
    protected Path image;
    protected List<TestImages.StoredLevel> levels;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> stack == null ? "" : stack.diagnostics());

    /** How this class reaches the daemon; TCP unless overridden. */
    protected TesseraStack startStack(Scratch scratch) {
        return TesseraStack.startTcp(scratch);
    }

    /** Extra files a class needs beside the standard image, before the daemon starts. */
    protected void prepare(Scratch scratch) throws Exception {
    }

    @BeforeAll
    void startStack() throws Exception {
        ItSupport.requireTools();
        scratch = new Scratch(getClass().getSimpleName());
        image = ItSupport.standardImage(scratch);
        levels = TestImages.levels(image);
        prepare(scratch);
        stack = startStack(scratch);
    }

    @AfterAll
    void stopStack() {
        int code = stack == null ? 0 : stack.stop();
        if (scratch != null) scratch.close();
        assertEquals(0, code, "daemon exit code after SIGTERM");
    }
}
