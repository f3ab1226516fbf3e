package org.tessera.config;

import java.util.List;

/**
 * The effective configuration, read once at startup from iipsrv's environment variables
 * (see {@code EnvConfig}). Field names follow the variables; units are noted where they differ.
 *
 * @param maxImageCacheBytes  MAX_IMAGE_CACHE_SIZE converted to bytes (MB x 1,024,000 as iipsrv); 0 = off
 * @param maxMetadataCacheSize MAX_METADATA_CACHE_SIZE / MAX_IMAGE_METADATA_CACHE_SIZE; 0 off, -1 unlimited
 * @param maxCvt              MAX_CVT; -1 = unlimited
 * @param interpolation       INTERPOLATION: 0 nearest neighbour, 1 bilinear
 * @param cors                CORS value, "" = off
 * @param uriMaps             URI_MAP entries (iipsrv takes one; we accept a comma-separated list)
 * @param memcachedServers    MEMCACHED_SERVERS as given ("" = no shared cache); see {@link MemcachedServer}
 * @param workers             TESSERA_WORKERS: concurrent CPU-heavy renders (default: cores)
 * @param queueLimit          TESSERA_QUEUE: renders allowed to wait for a worker before 503 is answered
 */
public record Config(
        int verbosity,
        String logFile,
        long maxImageCacheBytes,
        long maxMetadataCacheSize,
        String filesystemPrefix,
        String filesystemSuffix,
        String filenamePattern,
        int jpegQuality,
        int pngQuality,
        int webpQuality,
        int avifQuality,
        int avifCodec,
        int tiffCompression,
        int tiffQuality,
        int maxCvt,
        boolean allowUpscaling,
        int maxLayers,
        String watermark,
        double watermarkProbability,
        double watermarkOpacity,
        String memcachedServers,
        int memcachedTimeout,
        int interpolation,
        String cors,
        String baseUrl,
        String cacheControl,
        List<UriMap> uriMaps,
        int maxIcc,
        boolean codecPassthrough,
        int kakaduReadmode,
        int iiifVersion,
        String iiifDelimiter,
        String iiifExtraInfo,
        boolean iiifExtensions,
        String copyright,
        int workers,
        int queueLimit) {

    public Config {
        uriMaps = List.copyOf(uriMaps);
    }

    /** iipsrv's defaults, with the given image folder as FILESYSTEM_PREFIX. */
    public static Config defaults(String filesystemPrefix) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Config(1, "/tmp/iipsrv.log", 10L * 1_024_000L, 1000, filesystemPrefix, "", "_pyr_",
                75, 1, 50, 50, 0, 2, 1, 5000, true, 0, "", 1.0, 1.0, "", 86400, 1, "", "",
                "max-age=86400", List.of(), 65536, true, 0, 3, "", "", false, "", cores, 64 * cores);
    }

    public boolean corsEnabled() { return !cors.isEmpty(); }

    /** MAX_CVT as a plain bound: Integer.MAX_VALUE when unlimited. */
    public int maxCvtBound() { return maxCvt < 0 ? Integer.MAX_VALUE : maxCvt; }

    public Config withFilesystemPrefix(String prefix) {
        return new Config(verbosity, logFile, maxImageCacheBytes, maxMetadataCacheSize, prefix, filesystemSuffix,
                filenamePattern, jpegQuality, pngQuality, webpQuality, avifQuality, avifCodec, tiffCompression,
                tiffQuality, maxCvt, allowUpscaling, maxLayers, watermark, watermarkProbability, watermarkOpacity,
                memcachedServers, memcachedTimeout, interpolation, cors, baseUrl, cacheControl, uriMaps, maxIcc,
                codecPassthrough, kakaduReadmode, iiifVersion, iiifDelimiter, iiifExtraInfo, iiifExtensions,
                copyright, workers, queueLimit);
    }
}
