package org.turnout.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * Counts the AWS calls this process makes, by service and operation, for the send benchmark's calls per email
 * and cost per million. Off unless {@code turnout.call-count-dir} ({@value #DIRECTORY_VARIABLE}) names a directory: then every client of
 * {@link AwsClients} counts, and the counts go to {@code <directory>/<function>-<pid>.properties} (one line
 * {@code Service.Operation=calls} each, and {@code Service.Operation.items=items} for DynamoDB's batches) shortly after they change and when the process ends, so that a reader
 * outside sees every call of an invocation within a second of its end. A call is counted once, however many
 * times the SDK retried it: attempts would be {@code beforeTransmission}, and the mailing client retries nothing.
 */
public final class CallCounter implements ExecutionInterceptor {
    public static final String DIRECTORY_VARIABLE = "TURNOUT_CALL_COUNT_DIR";
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Path file;

    CallCounter(Path file) {
        this.file = file;
    }

    /** A counter of this process's calls, writing to {@code directory} as {@code function}, started. */
    static CallCounter start(Path directory, String function) {
        CallCounter counter = new CallCounter(directory.resolve(function.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + ProcessHandle.current().pid() + ".properties"));
        counter.startFlushing();
        return counter;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        // DynamoDB prices a batch by its items
        long items = 0;
        if (context.request() instanceof BatchWriteItemRequest write) {
            items = write.requestItems().values().stream().mapToLong(List::size).sum();
        } else if (context.request() instanceof BatchGetItemRequest read) {
            items = read.requestItems().values().stream().mapToLong(keys -> keys.keys().size()).sum();
        }
        if (items > 0) {
            counts.computeIfAbsent(key + ".items", k -> new LongAdder()).add(items);
        }
        changed.set(true);
    }

    /** The calls counted so far, {@code Service.Operation} to calls. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    /** Writes the counts if they changed since the last write: whole, never half a file. */
    void flush() {
        if (!changed.getAndSet(false)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        counts().forEach((key, count) -> text.append(key).append('=').append(count).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            changed.set(true);
            throw new UncheckedIOException("Cannot write the call counts to " + file, e);
        }
    }

    private void startFlushing() {
        Thread flusher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(FLUSH_INTERVAL.toMillis());
                    flush();
                } catch (InterruptedException e) {
                    return;
                } catch (UncheckedIOException e) {
                    // tried again at the next interval
                }
            }
        }, "call-counter");
        flusher.setDaemon(true);
        flusher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::flush, "call-counter-last"));
    }
}
