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
                           [--http [HOST:]PORT] [--help] [--version]
              --bind     FastCGI listening socket (as iipsrv). Without --bind and --http the socket
                         is inherited on fd 0 (spawn-fcgi, mod_fcgid, lighttpd bin-path).
              --backlog  listen backlog for --bind (default 2048)
              --http     also serve plain HTTP (development; with the viewer page) on PORT of
                         HOST, or of 127.0.0.1 when no HOST is given ("*:PORT": every interface)
            Configuration comes from iipsrv's environment variables (see docs/configuration.md).""";

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
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
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
