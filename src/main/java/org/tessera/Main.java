package org.tessera;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.config.ConfigException;
import org.tessera.config.EnvConfig;
import org.tessera.config.LoggingSetup;
import org.tessera.fcgi.ListenAddress;
import org.tessera.http.RequestHandler;
import org.tessera.server.Daemon;
import org.tessera.server.Tessera;
import org.tessera.source.FileImageRepository;
import org.tessera.viewer.ViewerHandler;

/** The tessera command: parses arguments and environment, starts the daemon, exits 0 on SIGTERM. */
public final class Main {
    public static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tessera: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            return 2;
        }
        if (cli.help()) {
            System.out.println(CommandLine.USAGE);
            return 0;
        }
        if (cli.version()) {
            System.out.println("Tessera " + VERSION);
            return 0;
        }
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
        log.info("Tessera {} (IIPImage-compatible image server) on Java {}", VERSION, Runtime.version());
        log.info("Logging to {}, verbosity level set to {}", logTarget, config.verbosity());
        try {
            Optional<ServerSocketChannel> fastcgi = openFastcgi(cli, log);
            Optional<InetSocketAddress> http = cli.http().map(Main::httpAddress);
            EnvConfig.describe(config).forEach(line -> log.info("{}", line));
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
        } catch (IOException | IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            System.err.println("tessera: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Optional<ServerSocketChannel> openFastcgi(CommandLine cli, Logger log) throws IOException {
        if (cli.bind().isPresent()) {
            ListenAddress address = ListenAddress.parse(cli.bind().get());
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

    private static InetSocketAddress httpAddress(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("--http needs HOST:PORT, got '" + value + "'");
        String host = value.substring(0, colon);
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http needs HOST:PORT, got '" + value + "'");
        }
    }
}
