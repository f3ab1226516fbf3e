package org.tessera.protocol.iip;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** The two C printf conversions OBJ answers use, reproduced exactly. */
final class CFormat {
    private CFormat() {
    }

    /** printf("%f"): six decimals, no grouping, '.' separator. */
    static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    /** printf("%.9g"): 9 significant digits, trailing zeros removed, exponent form when exp &lt; -4 or &gt;= 9. */
    static String g9(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(9));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 9) {
            BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String plain = d.stripTrailingZeros().toPlainString();
        return plain;
    }
}
