package org.tessera.it;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shipped web-server recipe in front of two Tessera instances (one over TCP, one over a Unix
 * socket) sharing one memcached, and the checks every such recipe must pass. Each recipe's IT
 * says how its web server starts and whether it resends a request an instance died with.
 */
abstract class BalancedRecipeStack {
    Scratch scratch;
    MemcachedProcess memcached;
    Instances instances;
    WebFront front;

    @RegisterExtension
    final LogsBeforeCleanup logs = new LogsBeforeCleanup(() -> (instances == null ? "" : instances.diagnostics())
            + (front == null ? "" : front.diagnostics()) + (memcached == null ? "" : memcached.diagnostics()));

    /** Skips (or under CI fails) when the web server is not installed. */
    abstract void requireWebServer();

    /** Starts the web server from its recipe, balancing over {@code tcp} and {@code unix}. */
    abstract WebFront startWebServer(Listen tcp, Listen unix) throws Exception;

    /** Whether the web server resends to another instance a request the killed one had taken. */
    abstract boolean resendsRequestsOfADeadInstance();

    @BeforeEach
    void start() throws Exception {
        ItSupport.requireTools();
        Recipe.requireTool(MemcachedProcess.installed(), "memcached");
        requireWebServer();
        String name = getClass().getSimpleName();
        scratch = new Scratch(name.substring(0, Math.min(8, name.length())).toLowerCase(java.util.Locale.ROOT) + "-");
        // web servers that drop privileges must be able to reach the sockets and images
        java.nio.file.Files.setPosixFilePermissions(scratch.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        ItSupport.standardImage(scratch);
        memcached = MemcachedProcess.start(scratch.resolve("memcached"));
        Listen tcp = Listen.tcp(Ports.freePort());
        Listen unix = Listen.unix(Instances.socketDir(scratch).resolve("t2.sock"));
        instances = new Instances(scratch, List.of(tcp, unix), Map.of("MEMCACHED_SERVERS", memcached.address(),
                "URI_MAP", "iiif=>IIIF,metrics=>metrics,status=>status"));
        front = startWebServer(tcp, unix);
    }

    @AfterEach
    void stop() {
        if (front != null) front.close();
        if (instances != null) instances.close();
        if (memcached != null) memcached.close();
        if (scratch != null) scratch.close();
    }

    @Test
    void requestsSpreadOverBothInstances() throws Exception {
        ScaleOutChecks.requestsSpreadOverInstances(front, instances);
    }

    @Test
    void oneInstancesResultsAreServedByTheOtherFromMemcached() throws Exception {
        ScaleOutChecks.anotherInstancesResultsComeFromMemcached(front, instances, memcached);
    }

    /** A web server that never resends loses at most the requests the killed instance had in hand. */
    @Test
    void killingAnInstanceMidLoadLosesNoRequestThatCanBeRetried() throws Exception {
        ScaleOutChecks.killingAnInstanceMidLoadLosesNothing(front, instances, instances.get(0),
                resendsRequestsOfADeadInstance());
    }

    @Test
    void aRollingRestartLosesNothing() throws Exception {
        ScaleOutChecks.rollingRestartLosesNothing(front, instances);
    }
}
