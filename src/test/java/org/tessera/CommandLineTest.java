package org.tessera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void iipsrvStyleArguments() {
        CommandLine c = CommandLine.parse("--bind", "127.0.0.1:9000", "--backlog", "512");
        assertEquals(Optional.of("127.0.0.1:9000"), c.bind());
        assertEquals(512, c.backlog());
        assertFalse(c.http().isPresent());
    }

    @Test
    void defaultsMeanInheritedSocket() {
        CommandLine c = CommandLine.parse();
        assertTrue(c.bind().isEmpty());
        assertEquals(2048, c.backlog());
    }

    @Test
    void equalsFormAndHttp() {
        CommandLine c = CommandLine.parse("--bind=/tmp/t.sock", "--http=127.0.0.1:8080");
        assertEquals(Optional.of("/tmp/t.sock"), c.bind());
        assertEquals(Optional.of("127.0.0.1:8080"), c.http());
    }

    @Test
    void badArgumentsAreRefusedWithAMessage() {
        assertEquals("unknown option '--bnd'", assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--bnd", "x")).getMessage());
        assertEquals("unexpected argument '9000'", assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("9000")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--backlog", "lots"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--backlog", "0"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--bind"));
    }

    @Test
    void helpAndVersionAreFlags() {
        assertTrue(CommandLine.parse("--help").help());
        assertTrue(CommandLine.parse("-h").help());
        assertTrue(CommandLine.parse("--version").version());
        assertTrue(CommandLine.versionText().startsWith("Tessera " + Version.number() + "\n"));
    }
}
