package org.tessera.fcgi;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;

/**
 * Test-scope program started by a process manager (spawn-fcgi): serves {@link EchoHandler} on the
 * listening socket inherited as fd 0, as the real daemon does, or exits 1 with the error message.
 */
public final class InheritedEchoMain {
    private InheritedEchoMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServerSocketChannel channel;
        try {
            channel = ListenAddress.inherited();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        try {
            new FcgiServer(channel, new EchoHandler()).start();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }
}
