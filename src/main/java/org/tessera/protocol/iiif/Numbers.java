package org.tessera.protocol.iiif;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.tessera.http.HttpError;

/** Strict number syntax for IIIF parameters: plain non-negative decimals, no signs or exponents. */
final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");

    private Numbers() {
    }

    static double decimal(String s, String what) {
        if (!DECIMAL.matcher(s).matches()) throw HttpError.badRequest("IIIF: invalid " + what + " '" + s + "'");
        return Double.parseDouble(s);
    }

    static int integer(String s, String what) {
        if (!INTEGER.matcher(s).matches()) throw HttpError.badRequest("IIIF: invalid " + what + " '" + s + "'");
        return Integer.parseInt(s);
    }

    /** Shortest plain form: 90 not 90.0, 22.5 stays 22.5. */
    static String plain(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
