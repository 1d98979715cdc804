package org.turnout.local.lambda;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The execution environments of one function, as Lambda scales it: each handles one invocation at a time;
 * a new one is started (a cold start) when all are busy, up to a concurrency limit, past which invocations
 * wait for the first to be free.
 */
public final class FunctionPool implements FunctionInvoker, AutoCloseable {

    private final String functionName;
    private final int maxConcurrency;
    private final Supplier<? extends ExecutionEnvironment> newEnvironment;
    private final List<ExecutionEnvironment> environments = new ArrayList<>();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final Deque<CompletableFuture<ExecutionEnvironment>> waiting = new ArrayDeque<>();
    private boolean closed;

    public FunctionPool(String functionName, int maxConcurrency, Supplier<? extends ExecutionEnvironment> newEnvironment) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("A function needs at least one execution environment");
        }
        this.functionName = functionName;
        this.maxConcurrency = maxConcurrency;
        this.newEnvironment = newEnvironment;
    }

    /**
     * Starts the first environment and waits until it is ready, so that a function that cannot start is
     * known at once rather than at the first request.
     *
     * @return the cold start's duration
     */
    public Duration warmUp(Duration initTimeout) {
        ExecutionEnvironment environment;
        synchronized (this) {
            if (environments.isEmpty()) {
                idle.addFirst(newEnvironment());
            }
            environment = environments.get(0);
        }
        return environment.start(initTimeout);
    }

    @Override
    public CompletableFuture<byte[]> invoke(byte[] event, Duration timeout) {
        return invoke(null, event, timeout);
    }

    /** With a {@code null} request id, the environment gives one. */
    @Override
    public CompletableFuture<byte[]> invoke(String requestId, byte[] event, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return acquire(timeout).thenCompose(environment -> {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            CompletableFuture<byte[]> response = requestId == null ? environment.invoke(event, left)
                    : environment.invoke(requestId, event, left);
            return response.whenComplete((answer, failure) -> release(environment));
        });
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> all;
        List<CompletableFuture<ExecutionEnvironment>> waiters;
        synchronized (this) {
            closed = true;
            all = List.copyOf(environments);
            waiters = List.copyOf(waiting);
            waiting.clear();
        }
        waiters.forEach(waiter -> waiter.completeExceptionally(new LambdaInvocationException(functionName + " was stopped")));
        all.forEach(ExecutionEnvironment::close);
    }

    private CompletableFuture<ExecutionEnvironment> acquire(Duration timeout) {
        CompletableFuture<ExecutionEnvironment> waiter = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new LambdaInvocationException(functionName + " was stopped"));
            }
            ExecutionEnvironment environment = idle.pollFirst();
            if (environment == null && environments.size() < maxConcurrency) {
                environment = newEnvironment();
            }
            if (environment != null) {
                return CompletableFuture.completedFuture(environment);
            }
            waiting.addLast(waiter);
        }
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (waiter.completeExceptionally(new LambdaTimeoutException(String.format(Locale.ROOT,
                    "%s had no free execution environment within %.1f s (all %d were busy)",
                    functionName, timeout.toMillis() / 1000.0, maxConcurrency)))) {
                synchronized (this) {
                    waiting.remove(waiter);
                }
            }
        });
        return waiter;
    }

    private void release(ExecutionEnvironment environment) {
        CompletableFuture<ExecutionEnvironment> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                // the most recently used first: it is the warmest
                idle.addFirst(environment);
                return;
            }
        }
        // completed outside the lock: the waiter's invocation starts right here
        if (!next.complete(environment)) {
            release(environment);
        }
    }

    /** A new environment; its process starts with its first invocation or warm-up. */
    private ExecutionEnvironment newEnvironment() {
        ExecutionEnvironment environment = newEnvironment.get();
        environments.add(environment);
        return environment;
    }
}
