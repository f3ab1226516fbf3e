package org.tessera.protocol.iip;

import java.util.Locale;
import org.tessera.image.CNumbers;

/** The two C printf conversions OBJ answers use, reproduced exactly. */
final class CFormat {
    private CFormat() {
    }

    /** printf("%f"): six decimals, no grouping, '.' separator. */
    static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    /** printf("%.9g"). */
    static String g9(double v) { return CNumbers.g(v, 9); }
}
