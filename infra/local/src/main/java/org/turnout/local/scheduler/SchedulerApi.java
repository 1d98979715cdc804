package org.turnout.local.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import org.turnout.local.AwsJsonProtocol;
import org.turnout.local.HttpStandIn;
import org.turnout.local.LocalHttpServer;
import org.turnout.local.LogText;
import org.turnout.local.iam.Access;
import org.turnout.local.iam.Decision;
import org.turnout.local.iam.SignedRequest;

/**
 * The Scheduler's REST-JSON API, the part that the SDK's {@code SchedulerClient} calls for schedules:
 * CreateSchedule ({@code POST /schedules/{Name}}), UpdateSchedule ({@code PUT}), DeleteSchedule ({@code DELETE},
 * {@code ?groupName=}), GetSchedule ({@code GET}) and ListSchedules ({@code GET /schedules}). Errors come in the
 * service's shape, the code in {@code X-Amzn-ErrorType} and the message in the body, so that the SDK throws its
 * {@code ConflictException}, {@code ResourceNotFoundException} or {@code ValidationException}. Each request is
 * authorised by the stack's IAM (a refusal is a 403 {@code AccessDeniedException}).
 */
final class SchedulerApi extends HttpStandIn {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern SCHEDULE_PATH = Pattern.compile("/schedules/([^/]+)");
    private static final int MAX_RESULTS = 100;

    private final LocalScheduler scheduler;
    private final Consumer<String> log;

    SchedulerApi(LocalScheduler scheduler, Consumer<String> log) {
        this.scheduler = scheduler;
        this.log = log;
    }

    SchedulerApi start(int port) {
        listen(LocalHttpServer.bind("scheduler api", port, 64).serve("/", this::handle, 4));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Matcher schedule = SCHEDULE_PATH.matcher(path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            SignedRequest signed = new SignedRequest("scheduler", method, path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body);
            Decision decision = scheduler.iam().authorise(signed, accesses(method, schedule.matches() ? schedule.group(1) : null,
                    query, body));
            if (decision.refusal().isPresent()) {
                Decision.Refusal refusal = decision.refusal().get();
                sendError(exchange, 403, refusal.jsonErrorCode(), refusal.message());
                return;
            }
            try {
                if (schedule.matches()) {
                    String name = URLDecoder.decode(schedule.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
                    switch (method) {
                        case "POST" -> send(exchange, 200, JSON.createObjectNode()
                                .put("ScheduleArn", scheduler.create(name, json(body))));
                        case "PUT" -> send(exchange, 200, JSON.createObjectNode()
                                .put("ScheduleArn", scheduler.update(name, json(body))));
                        case "GET" -> send(exchange, 200, scheduler.get(query.get("groupName"), name));
                        case "DELETE" -> {
                            scheduler.delete(query.get("groupName"), name);
                            send(exchange, 200, JSON.createObjectNode());
                        }
                        default -> unknown(exchange, method, path);
                    }
                } else if (path.equals("/schedules") && method.equals("GET")) {
                    list(exchange, query);
                } else {
                    unknown(exchange, method, path);
                }
            } catch (InvalidRequestException e) {
                sendError(exchange, e.status(), e.code(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.accept("Scheduler API request failed: " + LogText.escape(e.toString()));
            sendError(exchange, 500, "InternalServerException", "The local Scheduler failed: " + e.getMessage());
        }
    }

    /**
     * What IAM checks for each operation: the schedule's ARN (its group from the body or the query), and for a
     * schedule that names a role, {@code iam:PassRole} on that role with {@code iam:PassedToService}.
     */
    private List<Access> accesses(String method, String rawName, Map<String, String> query, byte[] body) {
        if (rawName == null) {
            return List.of(Access.of("scheduler:ListSchedules", "*"));
        }
        String name = URLDecoder.decode(rawName.replace("+", "%2B"), StandardCharsets.UTF_8);
        JsonNode request = JSON.createObjectNode();
        if (body.length > 0) {
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                // validated after authorisation, as the service does
            }
        }
        String group = method.equals("POST") || method.equals("PUT") ? request.path("GroupName").asText("") : query.getOrDefault("groupName", "");
        String arn = scheduler.scheduleArn(group, name);
        String action = switch (method) {
            case "POST" -> "scheduler:CreateSchedule";
            case "PUT" -> "scheduler:UpdateSchedule";
            case "GET" -> "scheduler:GetSchedule";
            case "DELETE" -> "scheduler:DeleteSchedule";
            default -> "scheduler:" + method;
        };
        List<Access> accesses = new ArrayList<>();
        accesses.add(Access.of(action, arn));
        String role = request.path("Target").path("RoleArn").asText(null);
        if (role != null) {
            accesses.add(new Access("iam:PassRole", role, Map.of("iam:PassedToService", List.of("scheduler.amazonaws.com"))));
        }
        return accesses;
    }

    /** One page: the schedules after NextToken (an index here), at most MaxResults of them. */
    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        List<ObjectNode> all = scheduler.list(query.get("ScheduleGroup"), query.get("NamePrefix"), query.get("State"));
        int from = parse(query.get("NextToken"), 0, "NextToken");
        int size = parse(query.get("MaxResults"), MAX_RESULTS, "MaxResults");
        if (size < 1 || size > MAX_RESULTS || from < 0) {
            throw InvalidRequestException.validation("MaxResults must be 1 to " + MAX_RESULTS);
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode schedules = page.putArray("Schedules");
        all.stream().skip(from).limit(size).forEach(schedules::add);
        if (from + size < all.size()) {
            page.put("NextToken", String.valueOf(from + size));
        }
        send(exchange, 200, page);
    }

    private static int parse(String value, int absent, String name) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.validation("Invalid " + name + ": " + value);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw InvalidRequestException.validation("The request body is a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.validation("The request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    private static void unknown(HttpExchange exchange, String method, String path) throws IOException {
        sendError(exchange, 404, "UnknownOperationException", "The local Scheduler serves CreateSchedule, UpdateSchedule, "
                + "DeleteSchedule, GetSchedule and ListSchedules, not " + method + " " + path);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        AwsJsonProtocol.send(exchange, status, "application/json", body);
    }

    /** The service's error shape: the code in {@code X-Amzn-ErrorType}, {@code Message} in the body. */
    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", code);
        send(exchange, status, JSON.createObjectNode().put("Message", message));
    }
}
