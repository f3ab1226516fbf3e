package org.tessera.config;

import java.util.List;
import java.util.Map;

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
 * @param workers             TESSERA_WORKERS: concurrent CPU-heavy renders (default: cores)
 * @param queueLimit          TESSERA_QUEUE: renders allowed to wait for a worker before 503 is answered
 * @param fcgiMaxConnections  TESSERA_FCGI_MAX_CONNS: FastCGI connections served at once (reported as FCGI_MAX_CONNS)
 * @param fcgiIdleTimeout     TESSERA_FCGI_IDLE_TIMEOUT, seconds: a connection owing no response closes after this long without a request
 * @param fcgiWriteTimeout    TESSERA_FCGI_WRITE_TIMEOUT, seconds: a connection whose peer reads nothing for this long closes
 * @param fcgiWebServerAddrs  FCGI_WEB_SERVER_ADDRS: comma-separated IP addresses allowed to connect over TCP, "" = any
 * @param allowFilesystemRoot TESSERA_ALLOW_FILESYSTEM_ROOT: start even when FILESYSTEM_PREFIX confines to "/"
 * @param trustForwarded      TESSERA_TRUST_FORWARDED: honour X-Forwarded-Host/-Proto/-Prefix and X-IIIF-ID
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
        int queueLimit,
        int fcgiMaxConnections,
        int fcgiIdleTimeout,
        int fcgiWriteTimeout,
        String fcgiWebServerAddrs,
        boolean allowFilesystemRoot,
        boolean trustForwarded) {

    public Config {
        uriMaps = List.copyOf(uriMaps);
    }

    /**
     * iipsrv's defaults, with the given image folder as FILESYSTEM_PREFIX: what an environment
     * that sets nothing else gives ({@link EnvConfig} holds the one set of defaults).
     */
    public static Config defaults(String filesystemPrefix) {
        return EnvConfig.parse(Map.of("FILESYSTEM_PREFIX", filesystemPrefix));
    }

    /** The configured value of an encoder-quality variable. */
    public int quality(QualitySetting setting) {
        return switch (setting) {
            case JPEG_QUALITY -> jpegQuality;
            case PNG_QUALITY -> pngQuality;
            case WEBP_QUALITY -> webpQuality;
            case AVIF_QUALITY -> avifQuality;
            case TIFF_QUALITY -> tiffQuality;
        };
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
                copyright, workers, queueLimit, fcgiMaxConnections, fcgiIdleTimeout, fcgiWriteTimeout,
                fcgiWebServerAddrs, allowFilesystemRoot, trustForwarded);
    }
}
