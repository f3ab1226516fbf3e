package org.tessera.image;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers written as C's printf writes them, for the texts iipsrv users parse (OBJ answers,
 * metadata, SPECTRA): {@code %g} with a given precision, reproduced exactly.
 */
public final class CNumbers {
    private CNumbers() {
    }

    /**
     * printf("%.{precision}g"): that many significant digits, trailing zeros removed, exponent
     * form (two digits at least) when the exponent is below -4 or at least {@code precision}.
     */
    public static String g(double v, int precision) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String m = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
