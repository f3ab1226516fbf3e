package org.tessera.cache;

import org.tessera.config.Config;

/**
 * The part of every shared-cache key that instances must agree on before they may share results:
 * the same files (prefix and suffix) and the same settings that change output bytes (default
 * qualities, TIFF compression, interpolation, pass-through, ICC limit). Instances configured
 * differently simply do not see each other's entries.
 */
public final class CacheNamespace {
    /** Bumped when the meaning of a key or the value layout changes. */
    static final int LAYOUT = 1;

    private CacheNamespace() {
    }

    public static String of(Config c) {
        return "v" + LAYOUT + "|" + c.filesystemPrefix() + "|" + c.filesystemSuffix() + "|jpeg" + c.jpegQuality()
                + "|png" + c.pngQuality() + "|webp" + c.webpQuality() + "|tiff" + c.tiffCompression() + "/" + c.tiffQuality()
                + "|interp" + c.interpolation() + "|pass" + c.codecPassthrough() + "|icc" + c.maxIcc()
                + "|upscale" + c.allowUpscaling() + "|cvt" + c.maxCvt();
    }
}
