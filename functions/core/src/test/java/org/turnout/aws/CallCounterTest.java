package org.turnout.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The calls of the product's clients, counted per service and operation into a file, when asked for only. */
class CallCounterTest {
    /** Far longer than the flush interval: a loaded machine can delay the flusher, never make it early. */
    private static final Duration WRITTEN_WITHIN = Duration.ofSeconds(30);

    private static LocalAwsStack stack;

    @BeforeAll
    static void start() {
        stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.SES));
        stack.sdkSystemProperties().forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void countsEachCallOfEveryClientByServiceAndOperationInAFileOfTheFunctionsProcess(@TempDir Path dir) throws Exception {
        AwsClients aws = new AwsClients(Optional.of(CallCounter.start(dir, "turnout-send")));
        try {
            aws.dynamoDb().listTables();
            aws.dynamoDb().listTables();
            aws.sesForMailings().getAccount(request -> { });
            aws.ses().getAccount(request -> { });

            Path file = dir.resolve("turnout-send-" + ProcessHandle.current().pid() + ".properties");
            // a flush may come between two calls: the file is read until it has them all
            Properties counts = awaitCounts(file, written -> "2".equals(written.getProperty("SesV2.GetAccount")));
            assertThat(counts).containsOnly(Map.entry("DynamoDb.ListTables", "2"), Map.entry("SesV2.GetAccount", "2"));

            aws.dynamoDb().describeTable(request -> request.tableName(stack.resources().physicalName("Table")));
            assertThat(awaitCounts(file, written -> written.containsKey("DynamoDb.DescribeTable"))).containsEntry("DynamoDb.DescribeTable", "1").containsEntry("DynamoDb.ListTables", "2");

            // DynamoDB prices a batch by its items: they are counted beside the call
            String table = stack.resources().physicalName("Table");
            aws.dynamoDb().batchWriteItem(request -> request.requestItems(Map.of(table, List.of(put("a"), put("b"), put("c")))));
            assertThat(awaitCounts(file, written -> written.containsKey("DynamoDb.BatchWriteItem.items")))
                    .containsEntry("DynamoDb.BatchWriteItem", "1").containsEntry("DynamoDb.BatchWriteItem.items", "3");
        } finally {
            aws.close();
        }
    }

    @Test
    void countsNothingAndWritesNothingUnlessAsked(@TempDir Path dir) throws IOException {
        AwsClients aws = new AwsClients(Optional.empty());
        try {
            aws.dynamoDb().listTables();
        } finally {
            aws.close();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private static WriteRequest put(String key) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("PK", AttributeValue.fromS("COUNTED#" + key),
                "SK", AttributeValue.fromS("C"))).build()).build();
    }

    /** The counts once they are {@code complete}, or the last read; the file is replaced whole, never seen half-written. */
    private static Properties awaitCounts(Path file, Predicate<Properties> complete) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WRITTEN_WITHIN.toNanos();
        Properties counts = new Properties();
        while (System.nanoTime() < deadline && !complete.test(counts)) {
            Thread.sleep(100);
            if (Files.isRegularFile(file)) {
                counts = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    counts.load(in);
                }
            }
        }
        return counts;
    }
}
