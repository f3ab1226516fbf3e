package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The informational runs of the command: what they print where, and their exit status. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void versionGoesToStdoutWithStatusZero() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("Tessera " + Version.number() + "\n"), out());
        assertEquals("", err());
    }

    @Test
    void helpGoesToStdoutWithStatusZero() {
        assertEquals(0, run("--bind", "127.0.0.1:9000", "--help"));
        assertEquals(CommandLine.USAGE + "\n", out());
        assertEquals("", err());
    }

    @Test
    void anUnknownOptionIsNamedOnStderrWithStatusTwo() {
        assertEquals(2, run("--verbose"));
        assertEquals("tessera: unknown option '--verbose'\nTry 'tessera --help' for more information.\n", err());
        assertEquals("", out());
    }
}
