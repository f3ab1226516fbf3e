package org.tessera.protocol.iip;

import java.nio.charset.StandardCharsets;

/**
 * One IIP protocol error line, {@code Error/<n>:<class> <number> <argument>} where n is the byte
 * length of everything after the colon. Unlike iipsrv the line is never cut at 31 characters.
 */
public record IipError(int errorClass, int number, String argument) {
    /** Image not set: a command needing an image came before FIF. */
    public static IipError noImage(String argument) { return new IipError(1, 3, argument); }

    /** Malformed request: nothing was produced. */
    public static IipError malformed(String requestString) { return new IipError(2, 1, requestString); }

    /** Unsupported command name. */
    public static IipError unknownCommand(String name) { return new IipError(2, 2, name); }

    /** Unsupported OBJ argument. */
    public static IipError unknownObject(String argument) { return new IipError(3, 2, argument); }

    public String line() {
        String payload = errorClass + " " + number + " " + argument;
        return "Error/" + payload.getBytes(StandardCharsets.UTF_8).length + ":" + payload;
    }
}
