package org.tessera.protocol.iip;

import java.util.Locale;

/**
 * One {@code NAME=value} segment of a request string, as sent (not percent-decoded).
 *
 * @param name  as the client spelled it (kept for error messages, matched case-insensitively)
 */
public record Command(String name, String value) {
    /** Lower-cased name, the form the command table is keyed by. */
    public String key() { return name.toLowerCase(Locale.ROOT); }
}
