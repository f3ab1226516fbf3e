package org.tessera.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessera.fcgi.PeerAllowlist;

/**
 * Reads iipsrv's environment variables (and Tessera's own TESSERA_*) into a {@link Config}.
 *
 * <p>Defaults and clamping follow iipsrv, so an existing deployment behaves the same. One
 * deliberate difference: iipsrv parses numbers with C's atoi/atof, which silently turn a typo into
 * 0 (and 0 often means "off" or "unlimited"). We refuse such values with a {@link ConfigException}
 * instead, because a server that starts with a silently different configuration is worse than one
 * that does not start. An empty value counts as unset.
 */
public final class EnvConfig {
    /** The documented name of the metadata cache size, accepted as an alias of the name the code reads. */
    public static final String METADATA_CACHE_ALIAS = "MAX_IMAGE_METADATA_CACHE_SIZE";
    static final long BYTES_PER_MB = 1_024_000L;
    static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";

    private EnvConfig() {
    }

    public static Config parse(Map<String, String> env) {
        return parse(env, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #parse(Map)} with an explicit core count (TESSERA_WORKERS default), for tests. */
    static Config parse(Map<String, String> env, int cores) {
        Reader r = new Reader(env);
        int verbosity = Math.max(0, r.integer("VERBOSITY", 1));
        String logFile = r.string("LOGFILE", "/tmp/iipsrv.log");
        double cacheMb = Math.max(0.0, r.decimal("MAX_IMAGE_CACHE_SIZE", 10.0));
        long metadataCache = r.has("MAX_METADATA_CACHE_SIZE")
                ? r.longInteger("MAX_METADATA_CACHE_SIZE", 1000)
                : r.longInteger(METADATA_CACHE_ALIAS, 1000);
        if (metadataCache < -1) metadataCache = -1;
        String prefix = r.string("FILESYSTEM_PREFIX", "");
        String suffix = r.string("FILESYSTEM_SUFFIX", "");
        String pattern = r.string("FILENAME_PATTERN", "_pyr_");
        int jpegQuality = r.quality(QualitySetting.JPEG_QUALITY);
        int pngQuality = r.quality(QualitySetting.PNG_QUALITY);
        int webpQuality = r.quality(QualitySetting.WEBP_QUALITY);
        int avifQuality = r.quality(QualitySetting.AVIF_QUALITY);
        int avifCodec = r.integer("AVIF_CODEC", 0);
        if (avifCodec < 0 || avifCodec > 3) avifCodec = 0;
        // iipsrv maps 5 (ZStd) to 0 although it documents it; we accept the documented 0..5.
        int tiffCompression = r.integer("TIFF_COMPRESSION", 2);
        if (tiffCompression < 0 || tiffCompression > 5) tiffCompression = 0;
        int tiffQuality = r.quality(QualitySetting.TIFF_QUALITY);
        if (TiffCompression.fromIipsrv(tiffCompression) == TiffCompression.DEFLATE) tiffQuality = Math.min(tiffQuality, 9);
        if (TiffCompression.fromIipsrv(tiffCompression) == TiffCompression.ZSTD) tiffQuality = Math.min(tiffQuality, 19);
        int maxCvt = r.integer("MAX_CVT", 5000);
        if (maxCvt == 0) maxCvt = 5000;
        else if (maxCvt < -1) maxCvt = 1;
        boolean allowUpscaling = r.integer("ALLOW_UPSCALING", 1) != 0;
        int maxLayers = Math.max(-1, r.integer("MAX_LAYERS", 0));
        String watermark = r.string("WATERMARK", "");
        double wmProbability = clamp(r.decimal("WATERMARK_PROBABILITY", 1.0), 0.0, 1.0);
        double wmOpacity = clamp(r.decimal("WATERMARK_OPACITY", 1.0), 0.0, 1.0);
        String memcachedServers = r.string("MEMCACHED_SERVERS", "localhost");
        int memcachedTimeout = Math.max(0, r.integer("MEMCACHED_TIMEOUT", 86400));
        int interpolation = r.integer("INTERPOLATION", 1) == 0 ? 0 : 1;
        String cors = r.string("CORS", "");
        String baseUrl = r.string("BASE_URL", "");
        String cacheControl = r.string("CACHE_CONTROL", "max-age=86400");
        List<UriMap> uriMaps = r.has("URI_MAP") ? uriMaps(r.string("URI_MAP", "")) : List.of();
        int maxIcc = Math.max(-1, r.integer("MAX_ICC", 65536));
        boolean passthrough = r.integer("CODEC_PASSTHROUGH", 1) != 0;
        int kakaduReadmode = clamp(r.integer("KAKADU_READMODE", 0), 0, 2);
        int iiifVersion = r.integer("IIIF_VERSION", 3);
        if (iiifVersion < 1) iiifVersion = 3;
        String iiifDelimiter = r.string("IIIF_DELIMITER", "");
        String iiifExtraInfo = r.string("IIIF_EXTRA_INFO", "");
        boolean iiifExtensions = r.integer("IIIF_EXTENSIONS", 0) != 0;
        String copyright = r.string("COPYRIGHT", "");
        // iipsrv sizes its pixel loops with OpenMP's OMP_NUM_THREADS; Tessera's own setting wins when both are set
        int workers = Math.max(1, r.has("TESSERA_WORKERS") ? r.integer("TESSERA_WORKERS", cores)
                : r.has(OMP_NUM_THREADS) ? ompThreads(r.string(OMP_NUM_THREADS, "")) : Math.max(1, cores));
        int queue = Math.max(0, r.integer("TESSERA_QUEUE", 64 * workers));
        int maxConns = r.atLeast("TESSERA_FCGI_MAX_CONNS", 1024, 1);
        int idleTimeout = r.atLeast("TESSERA_FCGI_IDLE_TIMEOUT", 120, 1);
        int writeTimeout = r.atLeast("TESSERA_FCGI_WRITE_TIMEOUT", 60, 1);
        String webServers = r.string("FCGI_WEB_SERVER_ADDRS", "").trim();
        try {
            PeerAllowlist.parse(webServers);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FCGI_WEB_SERVER_ADDRS", webServers, e.getMessage() + " (comma-separated IP addresses)");
        }
        boolean allowRoot = r.integer("TESSERA_ALLOW_FILESYSTEM_ROOT", 0) != 0;
        boolean trustForwarded = r.integer("TESSERA_TRUST_FORWARDED", 0) != 0;
        return new Config(verbosity, logFile, (long) (cacheMb * BYTES_PER_MB), metadataCache, prefix, suffix, pattern,
                jpegQuality, pngQuality, webpQuality, avifQuality, avifCodec, tiffCompression, tiffQuality, maxCvt,
                allowUpscaling, maxLayers, watermark, wmProbability, wmOpacity, memcachedServers, memcachedTimeout,
                interpolation, cors, baseUrl, cacheControl, uriMaps, maxIcc, passthrough, kakaduReadmode, iiifVersion,
                iiifDelimiter, iiifExtraInfo, iiifExtensions, copyright, workers, queue, maxConns, idleTimeout,
                writeTimeout, webServers, allowRoot, trustForwarded);
    }

    /**
     * OMP_NUM_THREADS as OpenMP reads it: a positive number, or a comma-separated list of them
     * (one per nesting level) of which the first, the outermost level, is what iipsrv's loops use.
     */
    static int ompThreads(String value) {
        String first = value.split(",", -1)[0].trim();
        try {
            int n = Integer.parseInt(first);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigException(OMP_NUM_THREADS, value, "expected a positive number of threads, e.g. 4 (or an OpenMP list such as 4,2)");
    }

    /**
     * URI_MAP: {@code prefix=>protocol}, several separated by commas (iipsrv takes one). Slashes
     * around the prefix are tolerated; an empty prefix maps every path.
     */
    static List<UriMap> uriMaps(String value) {
        List<UriMap> maps = new ArrayList<>();
        for (String entry : value.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            int arrow = e.indexOf("=>");
            if (arrow < 0) throw new ConfigException("URI_MAP", value, "expected prefix=>protocol, e.g. iiif=>IIIF");
            String prefix = stripSlashes(e.substring(0, arrow).trim());
            String protocol = e.substring(arrow + 2).trim().toLowerCase(Locale.ROOT);
            UriMap.Protocol p = switch (protocol) {
                case "iip" -> UriMap.Protocol.IIP;
                case "iiif" -> UriMap.Protocol.IIIF;
                case "deepzoom" -> UriMap.Protocol.DEEPZOOM;
                case "zoomify" -> UriMap.Protocol.ZOOMIFY;
                default -> throw new ConfigException("URI_MAP", value,
                        "unknown protocol '" + e.substring(arrow + 2).trim() + "' (use IIP, IIIF, DeepZoom or Zoomify)");
            };
            maps.add(new UriMap(prefix, p));
        }
        if (maps.isEmpty()) throw new ConfigException("URI_MAP", value, "expected prefix=>protocol, e.g. iiif=>IIIF");
        return maps;
    }

    private static String stripSlashes(String s) {
        int b = 0, e = s.length();
        while (b < e && s.charAt(b) == '/') b++;
        while (e > b && s.charAt(e - 1) == '/') e--;
        return s.substring(b, e);
    }

    /** The startup banner lines, one per setting, worded like iipsrv's so operators recognise them. */
    public static List<String> describe(Config c) {
        List<String> l = new ArrayList<>();
        l.add("Verbosity level set to " + c.verbosity());
        l.add("Setting logfile to " + c.logFile());
        l.add("Setting maximum image cache size to " + formatMb(c.maxImageCacheBytes()) + "MB");
        l.add("Setting maximum image metadata cache size to " + c.maxMetadataCacheSize()
                + (c.maxMetadataCacheSize() == -1 ? " (unlimited)" : c.maxMetadataCacheSize() == 0 ? " (disabled)" : ""));
        l.add("Setting filesystem prefix to '" + c.filesystemPrefix() + "'");
        l.add("Setting filesystem suffix to '" + c.filesystemSuffix() + "'");
        l.add("Setting 3D file sequence name pattern to '" + c.filenamePattern() + "'");
        l.add("Setting default JPEG quality to " + c.jpegQuality());
        l.add("Setting default PNG compression level to " + c.pngQuality());
        l.add("Setting default WebP compression level to " + c.webpQuality() + (c.webpQuality() == -1 ? " (lossless)" : ""));
        l.add("Setting default AVIF compression level to " + c.avifQuality() + (c.avifQuality() == -1 ? " (lossless)" : ""));
        l.add("Setting AVIF encoder codec to " + name(AVIF_CODECS, c.avifCodec()));
        l.add("Setting default TIFF compression to " + TiffCompression.fromIipsrv(c.tiffCompression()).displayName());
        l.add("Setting default TIFF compression level to " + c.tiffQuality());
        l.add("Setting maximum CVT size to " + (c.maxCvt() == -1 ? "unlimited" : Integer.toString(c.maxCvt())));
        l.add("Setting Allow Upscaling to " + c.allowUpscaling());
        l.add("Setting max quality layers (for supported file formats) to "
                + (c.maxLayers() == -1 ? "all layers" : c.maxLayers() == 0 ? "codec default" : Integer.toString(c.maxLayers())));
        l.add("Setting watermark to '" + c.watermark() + "'");
        l.add("Setting watermark probability to " + c.watermarkProbability());
        l.add("Setting watermark opacity to " + c.watermarkOpacity());
        l.add("Setting memcached servers to '" + c.memcachedServers() + "'");
        l.add("Setting memcached timeout to " + c.memcachedTimeout() + " seconds");
        l.add("Setting interpolation to " + (c.interpolation() == 0 ? "nearest neighbour" : "bilinear"));
        l.add("Setting Cross Origin Resource Sharing to '" + c.cors() + "'");
        l.add("Setting base URL to '" + c.baseUrl() + "'");
        l.add("Setting HTTP Cache-Control header to '" + c.cacheControl() + "'");
        if (c.uriMaps().isEmpty()) {
            l.add("Setting URI mapping to none");
        } else {
            for (UriMap m : c.uriMaps()) {
                l.add("Setting URI mapping to /" + m.prefix() + "/ => " + m.protocol());
            }
        }
        l.add("Setting maximum ICC profile size to "
                + (c.maxIcc() == -1 ? "unlimited" : c.maxIcc() == 0 ? "0 (never embed)" : c.maxIcc() + " bytes"));
        l.add("Setting codec passthrough to " + c.codecPassthrough());
        l.add("Setting Kakadu read-mode to " + name(KAKADU_MODES, c.kakaduReadmode()));
        l.add("Setting default IIIF Image API version to " + c.iiifVersion());
        l.add("Setting IIIF delimiter to '" + c.iiifDelimiter() + "'");
        l.add("Setting IIIF extra info to '" + c.iiifExtraInfo() + "'");
        l.add("Setting IIIF extensions to " + c.iiifExtensions());
        l.add("Setting default copyright to '" + c.copyright() + "'");
        l.add("Setting render workers to " + c.workers());
        l.add("Setting render queue limit to " + c.queueLimit());
        l.add("Setting FastCGI connection limit to " + c.fcgiMaxConnections());
        l.add("Setting FastCGI idle timeout to " + c.fcgiIdleTimeout() + " seconds");
        l.add("Setting FastCGI write timeout to " + c.fcgiWriteTimeout() + " seconds");
        l.add("Setting FastCGI web server addresses to "
                + (c.fcgiWebServerAddrs().isEmpty() ? "any" : "'" + c.fcgiWebServerAddrs() + "'"));
        l.add("Setting trust in forwarding headers (X-Forwarded-*, X-IIIF-ID) to " + c.trustForwarded());
        if (c.allowFilesystemRoot()) l.add("Allowing a filesystem prefix that confines to '/'");
        return l;
    }

    private static final String[] AVIF_CODECS = {"auto", "aom", "rav1e", "svt"};
    private static final String[] KAKADU_MODES = {"fast", "fussy", "resilient"};

    /** Configs built in code skip parse()'s clamping: never index out of the table. */
    private static String name(String[] names, int i) { return i >= 0 && i < names.length ? names[i] : Integer.toString(i); }

    private static String formatMb(long bytes) {
        double mb = bytes / (double) BYTES_PER_MB;
        return mb == Math.rint(mb) ? Long.toString((long) mb) : Double.toString(mb);
    }

    static int clamp(int v, int lo, int hi) { return Math.max(lo, Math.min(hi, v)); }

    static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }

    /** Typed access to the environment; every parse failure names the variable. */
    private record Reader(Map<String, String> env) {
        boolean has(String name) {
            String v = env.get(name);
            return v != null && !v.isBlank();
        }

        String string(String name, String fallback) {
            return has(name) ? env.get(name) : fallback;
        }

        int integer(String name, int fallback) {
            long v = longInteger(name, fallback);
            if (v > Integer.MAX_VALUE) return Integer.MAX_VALUE;
            if (v < Integer.MIN_VALUE) return Integer.MIN_VALUE;
            return (int) v;
        }

        /** Whole numbers; a decimal value is truncated as atoi would, anything else is refused. */
        long longInteger(String name, long fallback) {
            if (!has(name)) return fallback;
            String raw = env.get(name);
            String v = raw.trim();
            try {
                return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            } catch (NumberFormatException e) {
                double d = number(name, raw);
                if (d >= Long.MAX_VALUE) return Long.MAX_VALUE;
                if (d <= Long.MIN_VALUE) return Long.MIN_VALUE;
                return (long) d;
            }
        }

        /** An encoder-quality variable, clamped to its range. */
        int quality(QualitySetting setting) {
            return setting.clamp(integer(setting.variable(), setting.iipsrvDefault()));
        }

        /** A whole number that must be at least {@code min}: smaller values are refused, not clamped. */
        int atLeast(String name, int fallback, int min) {
            int v = integer(name, fallback);
            if (v < min) throw new ConfigException(name, env.get(name), "must be at least " + min);
            return v;
        }

        double decimal(String name, double fallback) {
            return has(name) ? number(name, env.get(name)) : fallback;
        }

        private static double number(String name, String raw) {
            String v = raw.trim();
            // Double.parseDouble also takes "NaN", "Infinity" and a trailing 'd'/'f': not numbers here.
            if (!v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new ConfigException(name, raw, "not a number");
            }
            return Double.parseDouble(v);
        }
    }
}
