package org.turnout.local.lambda;

import java.time.Duration;

/** One execution environment of a function: one invocation at a time, started by its first (a cold start). */
public interface ExecutionEnvironment extends FunctionInvoker, AutoCloseable {

    /**
     * Starts the environment unless it runs, and waits until it can take an event.
     *
     * @return how long the cold start took
     */
    Duration start(Duration initTimeout);

    @Override
    void close();
}
