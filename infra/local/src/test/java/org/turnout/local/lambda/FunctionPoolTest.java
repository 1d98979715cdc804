package org.turnout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Scaling and queueing, with environments whose invocations the test completes by hand. */
class FunctionPoolTest {

    /** An environment that records its invocations and answers when told to. */
    private static final class ManualEnvironment implements ExecutionEnvironment {
        final List<CompletableFuture<byte[]>> invocations = new ArrayList<>();
        boolean started;
        boolean closed;

        @Override
        public Duration start(Duration initTimeout) {
            started = true;
            return Duration.ofMillis(1234);
        }

        @Override
        public synchronized CompletableFuture<byte[]> invoke(byte[] event, Duration timeout) {
            CompletableFuture<byte[]> response = new CompletableFuture<>();
            invocations.add(response);
            return response;
        }

        synchronized void answerNext(String response) {
            invocations.stream().filter(invocation -> !invocation.isDone()).findFirst().orElseThrow()
                    .complete(response.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<ManualEnvironment> created = new ArrayList<>();
    private final FunctionPool pool = new FunctionPool("ApiFunction", 2, () -> {
        ManualEnvironment environment = new ManualEnvironment();
        created.add(environment);
        return environment;
    });

    @Test
    void warmingUpStartsTheFirstEnvironmentWhichThenTakesTheFirstInvocation() {
        assertThat(pool.warmUp(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(1234));

        pool.invoke(bytes("1"), Duration.ofSeconds(5));

        assertThat(created).hasSize(1);
        assertThat(created.get(0).started).isTrue();
        assertThat(created.get(0).invocations).hasSize(1);
    }

    @Test
    void busyEnvironmentsBringNewOnesUpToTheLimitThenInvocationsWait() throws Exception {
        CompletableFuture<byte[]> first = pool.invoke(bytes("1"), Duration.ofSeconds(5));
        CompletableFuture<byte[]> second = pool.invoke(bytes("2"), Duration.ofSeconds(5));
        CompletableFuture<byte[]> third = pool.invoke(bytes("3"), Duration.ofSeconds(5));

        assertThat(created).hasSize(2);
        assertThat(created).allSatisfy(environment -> assertThat(environment.invocations).hasSize(1));
        assertThat(third).isNotDone();

        created.get(0).answerNext("one");

        assertThat(first.get(1, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("one");
        assertThat(created).hasSize(2);
        assertThat(created.get(0).invocations).as("the freed environment takes the waiting invocation").hasSize(2);
        created.get(0).answerNext("three");
        created.get(1).answerNext("two");
        assertThat(third.get(1, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("three");
        assertThat(second.get(1, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("two");
    }

    @Test
    void anInvocationThatFindsNoFreeEnvironmentInTimeFails() {
        pool.invoke(bytes("1"), Duration.ofSeconds(5));
        pool.invoke(bytes("2"), Duration.ofSeconds(5));

        CompletableFuture<byte[]> third = pool.invoke(bytes("3"), Duration.ofMillis(200));

        assertThatThrownBy(() -> third.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(LambdaTimeoutException.class)
                .hasMessage("ApiFunction had no free execution environment within 0.2 s (all 2 were busy)");
    }

    @Test
    void closingStopsTheEnvironmentsAndFailsWhatWaits() {
        pool.invoke(bytes("1"), Duration.ofSeconds(5));
        pool.invoke(bytes("2"), Duration.ofSeconds(5));
        CompletableFuture<byte[]> waiting = pool.invoke(bytes("3"), Duration.ofSeconds(5));

        pool.close();

        assertThat(created).allMatch(environment -> environment.closed);
        assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS)).cause().hasMessage("ApiFunction was stopped");
        assertThat(pool.invoke(bytes("4"), Duration.ofSeconds(1))).isCompletedExceptionally();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
