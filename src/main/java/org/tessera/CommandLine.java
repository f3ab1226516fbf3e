package org.tessera;

import java.util.Optional;

/**
 * The daemon's arguments. iipsrv takes exactly {@code --bind SOCKET [--backlog N]}; we accept
 * those (also as {@code --bind=SOCKET}) plus the development listener {@code --http HOST:PORT}.
 * Without --bind and --http the FastCGI listening socket is inherited on fd 0 (spawn-fcgi).
 */
public record CommandLine(Optional<String> bind, int backlog, Optional<String> http, boolean help, boolean version) {
    public static final int DEFAULT_BACKLOG = 2048;

    public static final String USAGE = """
            Usage: tessera [--bind HOST:PORT | --bind :PORT | --bind /path/to/socket] [--backlog N]
                           [--http [HOST:]PORT]
                   tessera --help | --version

            Tessera is an image server for tiled pyramidal TIFFs compatible with IIPImage (iipsrv):
            it answers IIP, IIIF Image API 2 and 3, DeepZoom and Zoomify requests over FastCGI.

              --bind SOCKET  listen for FastCGI on SOCKET: HOST:PORT, :PORT (all interfaces) or the
                             path of a Unix socket. Without --bind and --http the listening socket is
                             inherited on fd 0 (spawn-fcgi, Apache mod_fcgid, lighttpd bin-path).
              --backlog N    listen backlog for --bind (default 2048)
              --http [H:]P   also serve plain HTTP with a viewer page (development) on port P of
                             host H, or of 127.0.0.1 when no host is given ("*:P": every interface)
              -h, --help     print this help and exit
              --version      print the version and exit

            Configuration comes from iipsrv's environment variables: FILESYSTEM_PREFIX, LOGFILE
            (a file, or syslog), VERBOSITY, URI_MAP, CORS, MAX_IMAGE_CACHE_SIZE, JPEG_QUALITY,
            MAX_CVT, OMP_NUM_THREADS, ... (docs/configuration.md). Signals: SIGHUP empties the
            caches; SIGTERM, SIGINT and SIGUSR1 finish the requests in flight and exit 0.""";

    /** Text of --version: the version from the pom, what the program is, and the Java it runs on. */
    public static String versionText() {
        return "Tessera " + Version.number() + "\n"
                + "IIPImage-compatible image server (IIP, IIIF Image API 2 and 3, DeepZoom, Zoomify over FastCGI)\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ")";
    }

    public static CommandLine parse(String... args) {
        String bind = null, http = null;
        int backlog = DEFAULT_BACKLOG;
        boolean help = false, version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--bind" -> bind = value != null ? value : next(args, ++i, name);
                case "--http" -> http = value != null ? value : next(args, ++i, name);
                case "--backlog" -> backlog = parseBacklog(value != null ? value : next(args, ++i, name));
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                default -> throw new IllegalArgumentException((a.startsWith("-") ? "unknown option '" : "unexpected argument '")
                        + a + "'");
            }
        }
        if (bind != null && bind.isBlank()) throw new IllegalArgumentException("--bind needs a socket, e.g. 127.0.0.1:9000");
        return new CommandLine(Optional.ofNullable(bind), backlog, Optional.ofNullable(http), help, version);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) throw new IllegalArgumentException(name + " needs a value");
        return args[i];
    }

    private static int parseBacklog(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) throw new IllegalArgumentException("--backlog must be at least 1, got " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--backlog needs a number, got '" + v + "'");
        }
    }
}
