package org.turnout.local;

/**
 * A stand-in the stack serves over HTTP from one {@link LocalHttpServer} once it is started (the API gateway, the
 * Lambda, Scheduler and Secrets Manager APIs, the emulators' fronts): its port, and a close that stops the server
 * and may come again, or before any start.
 */
public abstract class HttpStandIn implements AutoCloseable {
    private LocalHttpServer server;

    /** The server this stand-in answers on from now on. */
    protected final synchronized void listen(LocalHttpServer bound) {
        server = bound;
    }

    protected final synchronized LocalHttpServer server() {
        return server;
    }

    public int port() {
        return server().port();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
