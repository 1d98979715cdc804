package org.turnout.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server of each local stand-in (the API gateway, the Lambda, Scheduler and Secrets Manager
 * APIs, the Runtime API, the emulators' fronts, the identity provider): bound to 127.0.0.1 at once,
 * so that its port is known before it serves, and served by daemon threads that stop with it.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** For {@link #serve}: a thread per request in flight, for requests that wait (on a function, a long poll). */
    public static final int THREAD_PER_REQUEST = 0;

    static {
        // The JDK server leaves Nagle's algorithm on: it sends a response's headers and body as two segments, and
        // the body waits for the client's delayed ACK of the headers, about 40 ms on every call through the stack.
        // Read once, when the first server is made; every server of the stack is made here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final HttpServer server;
    private ExecutorService threads;

    private LocalHttpServer(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    /**
     * Takes 127.0.0.1:{@code port} (0 for a free one); {@code name} says what would have listened there, in the
     * error and in the names of the threads.
     */
    public static LocalHttpServer bind(String name, int port, int backlog) {
        try {
            return new LocalHttpServer(name, HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog));
        } catch (IOException e) {
            throw new UncheckedIOException("The " + name + " cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Serves {@code path} and below with {@code handler}, on that many threads or {@link #THREAD_PER_REQUEST}. */
    public synchronized LocalHttpServer serve(String path, HttpHandler handler, int threadCount) {
        String threadName = name.replace(' ', '-');
        threads = threadCount == THREAD_PER_REQUEST
                ? Executors.newCachedThreadPool(runnable -> daemon(runnable, threadName))
                : Executors.newFixedThreadPool(threadCount, runnable -> daemon(runnable, threadName));
        server.createContext(path, handler);
        server.setExecutor(threads);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops at once, answering no request still waiting; the threads still working are interrupted. */
    @Override
    public synchronized void close() {
        server.stop(0);
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
