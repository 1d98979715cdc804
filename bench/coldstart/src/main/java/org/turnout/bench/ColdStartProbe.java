package org.turnout.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.turnout.local.lambda.FunctionDefinition;
import org.turnout.local.lambda.FunctionLog;
import org.turnout.local.lambda.LambdaProcess;

/**
 * Starts a function in a fresh execution environment (its own JVM and Runtime API) with its first event
 * queued at launch, times the cold start, and stops the environment again.
 */
final class ColdStartProbe {

    /**
     * What a cold start gave: how long it took, the function's answer to the event, and the CPU time its processes had
     * used by then (zero if the OS does not tell), which a busy machine's load does not inflate as it does the wall time.
     */
    record Result(ColdStart coldStart, byte[] response, Duration cpu) {
    }

    private final String runtimeClasspath;
    private final Path workDir;

    /**
     * @param runtimeClasspath the runtime interface client, see {@link LambdaProcess#runtimeClasspath}
     * @param workDir          where each function's package is unpacked and its output logged
     */
    ColdStartProbe(String runtimeClasspath, Path workDir) {
        this.runtimeClasspath = runtimeClasspath;
        this.workDir = workDir;
    }

    Path logFile(FunctionDefinition function) {
        return workDir.resolve("logs").resolve(function.logicalId() + ".log");
    }

    Result coldStart(FunctionDefinition function, byte[] event) throws InterruptedException {
        Duration timeout = function.timeout();
        try (FunctionLog log = FunctionLog.open(function.logicalId(), logFile(function), line -> { });
             LambdaProcess environment = new LambdaProcess(function, runtimeClasspath,
                     workDir.resolve("functions").resolve(function.logicalId()), log)) {
            long launched = System.nanoTime();
            // the first invocation launches the JVM and queues the event before it can poll, as a cold invoke does
            CompletableFuture<byte[]> response = environment.invoke(event, timeout);
            // taken by the thread that receives the answer, not when this one gets round to it
            CompletableFuture<Long> answered = response.thenApply(body -> System.nanoTime());
            Duration init = environment.start(timeout);
            byte[] body = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration cpu = environment.cpuTime().orElse(Duration.ZERO);
            return new Result(new ColdStart(init, Duration.ofNanos(answered.join() - launched)), body, cpu);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(function.logicalId() + " did not answer its first event: " + e.getMessage()
                    + " (log: " + logFile(function) + ")", e);
        }
    }
}
