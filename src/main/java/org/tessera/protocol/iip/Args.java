package org.tessera.protocol.iip;

import java.util.ArrayList;
import java.util.List;
import org.tessera.http.HttpError;

/** Parsing of IIP command arguments; malformed numbers are a 400 naming the command. */
final class Args {
    private Args() {
    }

    static int integer(String command, String value) {
        String v = value.trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            double d = decimal(command, v);
            if (d >= Integer.MAX_VALUE) return Integer.MAX_VALUE;
            if (d <= Integer.MIN_VALUE) return Integer.MIN_VALUE;
            return (int) d;
        }
    }

    static double decimal(String command, String value) {
        String v = value.trim();
        if (!v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw HttpError.badRequest(command + ": '" + shorten(v) + "' is not a number");
        }
        return Double.parseDouble(v);
    }

    /** Comma-separated integers. */
    static List<Integer> integers(String command, String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",", -1)) out.add(integer(command, part));
        return out;
    }

    /** Echoing a client value in an error is fine, but not an unbounded one. */
    static String shorten(String v) { return v.length() > 64 ? v.substring(0, 64) + "..." : v; }
}
