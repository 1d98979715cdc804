package org.turnout.bench.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An HTTP client that answers DynamoDB and SES v2 from memory, as they answer the send path of one recipient: the
 * stored items (organisation, mailing, contacts) by key, no send record yet, no suppression, every conditional write
 * accepted, every {@code SendEmail} taken. Everything of a call but the network runs: the SDK builds, marshals and
 * signs the request, this client reads its body, the SDK unmarshals the answer. Finding a key is a substring search,
 * so that the answers cost little next to what is measured.
 */
final class CannedAws implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "X-Amz-Target";
    private static final String PK = "\"PK\":{\"S\":\"";
    private static final String SK = "\"SK\":{\"S\":\"";
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_CLAIM = "{\"Attributes\":{\"state\":{\"S\":\"claimed\"}}}".getBytes(StandardCharsets.UTF_8);

    private final String tableName;
    private final double maxSendRate;
    private final Map<String, String> items = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();

    CannedAws(String tableName, double maxSendRate) {
        this.tableName = tableName;
        this.maxSendRate = maxSendRate;
    }

    /** An item the table holds, as the enhanced client's schema maps it. */
    void store(Map<String, AttributeValue> item) {
        items.put(item.get("PK").s() + "\n" + item.get("SK").s(), json(item));
    }

    /** The calls answered so far, by operation: what one recipient costs in calls. */
    Map<String, Long> calls() {
        Map<String, Long> copy = new LinkedHashMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    void resetCalls() {
        calls.clear();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return answer(request);
            }

            @Override
            public void abort() {
            }
        };
    }

    private HttpExecuteResponse answer(HttpExecuteRequest request) {
        String body = request.contentStreamProvider().map(provider -> read(provider.newStream())).orElse("");
        String target = request.httpRequest().firstMatchingHeader(TARGET).orElse(null);
        String operation;
        byte[] answer;
        if (target != null) {
            operation = target.substring(target.indexOf('.') + 1);
            answer = switch (operation) {
                case "GetItem" -> getItem(body);
                case "BatchGetItem" -> batchGetItem(body);
                case "UpdateItem" -> body.contains("\"ReturnValues\":\"UPDATED_OLD\"") ? OLD_CLAIM : EMPTY;
                case "PutItem", "DeleteItem" -> EMPTY;
                default -> throw new IllegalStateException("no canned answer for DynamoDB " + operation);
            };
        } else if (request.httpRequest().encodedPath().endsWith("/v2/email/outbound-emails")) {
            operation = "SendEmail";
            answer = ("{\"MessageId\":\"0100019a-canned-" + messageIds.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
        } else if (request.httpRequest().encodedPath().endsWith("/v2/email/account")) {
            operation = "GetAccount";
            answer = ("{\"SendQuota\":{\"Max24HourSend\":1.0E9,\"MaxSendRate\":" + maxSendRate + ",\"SentLast24Hours\":0.0},"
                    + "\"SendingEnabled\":true,\"ProductionAccessEnabled\":true}").getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalStateException("no canned answer for " + request.httpRequest().method() + " " + request.httpRequest().encodedPath());
        }
        calls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200)
                        .putHeader("Content-Type", target != null ? "application/x-amz-json-1.0" : "application/json")
                        .putHeader("Content-Length", Integer.toString(answer.length))
                        .putHeader("x-amzn-RequestId", "canned").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                .build();
    }

    private byte[] getItem(String body) {
        String item = items.get(value(body, PK, 0) + "\n" + value(body, SK, 0));
        return item == null ? EMPTY : ("{\"Item\":" + item + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Each key is a PK and an SK, in either order: the n-th of one goes with the n-th of the other. */
    private byte[] batchGetItem(String body) {
        List<String> found = new ArrayList<>();
        for (int pk = body.indexOf(PK), sk = body.indexOf(SK); pk >= 0 && sk >= 0; pk = body.indexOf(PK, pk + 1), sk = body.indexOf(SK, sk + 1)) {
            String item = items.get(value(body, PK, pk) + "\n" + value(body, SK, sk));
            if (item != null) {
                found.add(item);
            }
        }
        return ("{\"Responses\":{\"" + tableName + "\":[" + String.join(",", found) + "]},\"UnprocessedKeys\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The string value after {@code name} from {@code from} on: keys hold no quotes. */
    private static String value(String body, String name, int from) {
        int start = body.indexOf(name, from);
        if (start < 0) {
            return "";
        }
        start += name.length();
        return body.substring(start, body.indexOf('"', start));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DynamoDB's JSON form of an item. */
    static String json(Map<String, AttributeValue> item) {
        try {
            return JSON.writeValueAsString(tree(item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> tree(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, tree(value)));
        return out;
    }

    private static Map<String, Object> tree(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case L -> Map.of("L", value.l().stream().map(CannedAws::tree).toList());
            case M -> Map.of("M", tree(value.m()));
            default -> throw new IllegalArgumentException("no JSON form here for " + value.type());
        };
    }

    @Override
    public void close() {
    }

    @Override
    public String clientName() {
        return "canned";
    }
}
