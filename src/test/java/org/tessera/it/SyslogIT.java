package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.testing.UnixDatagramReceiver;

/**
 * The daemon with LOGFILE=syslog writes to the local system logger's datagram socket as iipsrv
 * does (ident iipsrv with the pid, facility USER): here a socket the test owns stands in for
 * /dev/log.
 */
class SyslogIT {
    @Test
    void theDaemonLogsStartupAndTerminationThroughTheSyslogSocket() throws Exception {
        try (Scratch scratch = new Scratch("syslog-it");
             UnixDatagramReceiver syslog = UnixDatagramReceiver.bind(scratch.resolve("log.sock"))) {
            List<String> cmd = new ArrayList<>(DaemonProcess.tesseraCommand(List.of("--bind", "127.0.0.1:0")));
            cmd.add(1, "-Dtessera.syslog.socket=" + syslog.path());
            Files.createDirectories(scratch.resolve("images"));
            DaemonProcess daemon = DaemonProcess.start(cmd, Map.of("LOGFILE", "syslog", "VERBOSITY", "1",
                    "FILESYSTEM_PREFIX", scratch.resolve("images") + "/"), null, scratch.resolve("tessera"));
            try (daemon) {
                String tag = "iipsrv[" + daemon.pid() + "]: ";
                List<String> startup = syslog.receiveUntil("Initialisation Complete.", Duration.ofSeconds(60));
                assertTrue(!startup.isEmpty() && startup.get(startup.size() - 1).endsWith(tag + "Initialisation Complete."),
                        startup + "\n" + daemon.diagnostics());
                assertTrue(startup.get(0).startsWith("<15>") && startup.get(0).endsWith(tag + "<----------------------------------->"),
                        startup.get(0));
                assertTrue(startup.stream().anyMatch(l -> l.endsWith(tag + "Setting logfile to syslog")), startup.toString());
                daemon.signal("TERM");
                List<String> end = syslog.receiveUntil("Terminating after", Duration.ofSeconds(30));
                assertTrue(end.stream().anyMatch(l -> l.endsWith(tag + "Caught Terminated signal. Terminating after 0 accesses")),
                        end.toString());
                assertEquals(0, daemon.awaitExit(Duration.ofSeconds(30)));
            }
        }
    }
}
