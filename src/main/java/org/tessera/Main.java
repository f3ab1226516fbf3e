package org.tessera;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.config.ConfigException;
import org.tessera.config.EnvConfig;
import org.tessera.config.LoggingSetup;
import org.tessera.config.UnappliedVariables;
import org.tessera.fcgi.ListenAddress;
import org.tessera.http.RequestHandler;
import org.tessera.server.Daemon;
import org.tessera.server.Tessera;
import org.tessera.source.FileImageRepository;
import org.tessera.viewer.ViewerHandler;

/** The tessera command: parses arguments and environment, starts the daemon, exits 0 on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 after --help, --version or a stop signal). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("tessera: " + e.getMessage());
            err.println("Try 'tessera --help' for more information.");
            return 2;
        }
        if (cli.help()) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        if (cli.version()) {
            out.println(CommandLine.versionText());
            return 0;
        }
        return serve(cli);
    }

    private static int serve(CommandLine cli) {
        Config config;
        try {
            config = EnvConfig.parse(System.getenv());
        } catch (ConfigException e) {
            System.err.println("tessera: configuration error: " + e.getMessage());
            return 1;
        }
        String logTarget = LoggingSetup.configure(config);
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("<----------------------------------->");
        log.info("{}", ZonedDateTime.now());
        log.info("Tessera {} (IIPImage-compatible image server) on Java {}", Version.number(), Runtime.version());
        log.info("Logging to {}, verbosity level set to {}", logTarget, config.verbosity());
        Optional<String> refusal = confinementRefusal(config);
        if (refusal.isPresent()) {
            log.error("{}", refusal.get());
            System.err.println("tessera: configuration error: " + refusal.get());
            return 1;
        }
        try {
            // warm up before the socket is opened: a web server never reaches a cold process
            Warmup.image(System.getenv()).ifPresent(image -> Warmup.run(image, log));
            Optional<ServerSocketChannel> fastcgi = openFastcgi(cli, config, log);
            Optional<InetSocketAddress> http = cli.http().map(Main::httpAddress);
            if (http.isPresent() && http.get().getAddress() != null && http.get().getAddress().isAnyLocalAddress()) {
                log.warn("The development HTTP listener (--http {}) listens on every network interface and has no"
                        + " production limits; prefer --http 127.0.0.1:PORT", cli.http().get());
            }
            EnvConfig.describe(config).forEach(line -> log.info("{}", line));
            UnappliedVariables.warnings(System.getenv()).forEach(line -> log.warn("{}", line));
            Tessera app = Tessera.create(config);
            RequestHandler httpHandler = app.withMonitoringPages(
                    new ViewerHandler(FileImageRepository.confinementRoot(config.filesystemPrefix()), app.handler()));
            Daemon daemon = new Daemon(app, fastcgi, http, httpHandler);
            daemon.installSignalHandlers();
            daemon.start();
            daemon.httpPort().ifPresent(p -> log.info("HTTP listener (development) on http://{}:{}/",
                    http.get().getHostString(), p));
            log.info("Initialisation Complete.");
            daemon.awaitStopAndShutdown();
            return 0;
        } catch (ConfigException e) {
            log.error("configuration error: {}", e.getMessage());
            System.err.println("tessera: configuration error: " + e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            System.err.println("tessera: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Refuses a FILESYSTEM_PREFIX that confines images to "/" (an empty prefix under systemd, whose
     * working directory is "/", or a prefix such as "/" or "/img_"): every file the process can read
     * could then be served. TESSERA_ALLOW_FILESYSTEM_ROOT=1 allows it deliberately.
     */
    static Optional<String> confinementRefusal(Config config) {
        if (config.allowFilesystemRoot()) return Optional.empty();
        Path root = FileImageRepository.confinementRoot(config.filesystemPrefix());
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            // a missing folder confines to nothing; the path as given is what counts then
        }
        if (root.getParent() != null) return Optional.empty();
        return Optional.of("FILESYSTEM_PREFIX='" + config.filesystemPrefix() + "' confines images to '" + root + "'"
                + (config.filesystemPrefix().isEmpty() ? " (the working directory)" : "")
                + ", so any file this process can read could be served. Set FILESYSTEM_PREFIX to the image folder"
                + " (e.g. /srv/images/), or set TESSERA_ALLOW_FILESYSTEM_ROOT=1 if this is really intended.");
    }

    /** The warning for a FastCGI socket that every host can reach, if {@code address} is one. */
    static Optional<String> bindWarning(ListenAddress address, String webServerAddrs) {
        if (!(address instanceof ListenAddress.Tcp tcp) || !tcp.everyInterface()) return Optional.empty();
        return Optional.of("FastCGI listens on every network interface (--bind " + address + "): any host that can reach"
                + " port " + tcp.port() + " can send requests" + (webServerAddrs.isEmpty()
                ? ". Bind 127.0.0.1:" + tcp.port() + " (or a Unix socket), or set FCGI_WEB_SERVER_ADDRS to the web servers' addresses."
                : ", but only FCGI_WEB_SERVER_ADDRS (" + webServerAddrs + ") are served."));
    }

    private static Optional<ServerSocketChannel> openFastcgi(CommandLine cli, Config config, Logger log) throws IOException {
        if (cli.bind().isPresent()) {
            ListenAddress address = ListenAddress.parse(cli.bind().get());
            bindWarning(address, config.fcgiWebServerAddrs()).ifPresent(w -> log.warn("{}", w));
            try {
                ServerSocketChannel channel = address.open(cli.backlog());
                log.info("Running in standalone mode on socket: {} with backlog: {}", address, cli.backlog());
                return Optional.of(channel);
            } catch (IOException e) {
                throw new IOException("Unable to open socket '" + cli.bind().get() + "': " + e.getMessage(), e);
            }
        }
        if (cli.http().isPresent()) return Optional.empty();
        ServerSocketChannel inherited = ListenAddress.inherited();
        log.info("Running in FCGI mode (listening socket inherited on fd 0)");
        return Optional.of(inherited);
    }

    /**
     * --http HOST:PORT, :PORT or PORT. Without a host the development listener binds loopback only:
     * it is for trying the server out, and has none of the FastCGI transport's limits. "*" (or
     * 0.0.0.0, [::]) asks for every interface explicitly.
     */
    static InetSocketAddress httpAddress(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            if (host.equals("*")) return new InetSocketAddress(port);
            return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http needs HOST:PORT, got '" + value + "'");
        }
    }
}
