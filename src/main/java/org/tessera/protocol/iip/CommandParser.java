package org.tessera.protocol.iip;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request string into commands exactly as iipsrv does: segments separated by '&' (empty
 * ones skipped), each split at its first '='; a segment without '=' is both name and value (so
 * {@code &INV&} works); segments with an empty name or value are dropped.
 */
public final class CommandParser {
    private CommandParser() {
    }

    public static List<Command> parse(String requestString) {
        List<Command> commands = new ArrayList<>();
        for (String segment : requestString.split("&")) {
            if (segment.isEmpty()) continue;
            int eq = segment.indexOf('=');
            String name = eq < 0 ? segment : segment.substring(0, eq);
            String value = eq < 0 ? segment : segment.substring(eq + 1);
            if (name.isEmpty() || value.isEmpty()) continue;
            commands.add(new Command(name, value));
        }
        return commands;
    }
}
