package org.tessera.codec;

/** Turns a native-library load failure into one short log-friendly line. */
final class LoadFailures {
    private LoadFailures() {
    }

    /**
     * The first line of the innermost message: JNA's own message goes on to list every path it
     * searched, including the whole class path, which has no place in a start-up log line.
     */
    static String reason(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
        }
        if (message == null) return failure.getClass().getSimpleName();
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).strip();
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }
}
