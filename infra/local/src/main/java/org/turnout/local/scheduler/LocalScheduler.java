package org.turnout.local.scheduler;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.turnout.local.LogText;
import org.turnout.local.iam.Access;
import org.turnout.local.iam.Decision;
import org.turnout.local.iam.LocalIam;

/**
 * EventBridge Scheduler for the local stack, which no emulator provides: the schedules API that the SDK's
 * {@code SchedulerClient} calls (served by {@link SchedulerApi}), and the firing of one-time schedules
 * ({@code at(...)} in their time zone) at their time, as the Scheduler does: the target gets
 * {@code Target.Input} (its context attributes such as {@code <aws.scheduler.scheduled-time>} filled in),
 * a refused invocation is retried within {@code Target.RetryPolicy}, and one that still fails goes to
 * {@code Target.DeadLetterConfig}'s queue with the Scheduler's message attributes. {@code ActionAfterCompletion
 * DELETE} removes a schedule once its occurrence is done. A {@code FLEXIBLE} time window fires at its start, as
 * the {@code OFF} one does. Schedules live in memory, as the local stack's data.
 *
 * <p>The template's own {@code AWS::Scheduler::Schedule} resources, which CloudFormation creates with the stack, are
 * {@linkplain #provision provisioned} here; those with a {@code rate(...)} expression fire at that rate, each
 * occurrence delivered as any other (the schedule's role authorised, retried, dead-lettered). Recurring schedules
 * created through the API are kept but not fired. {@link #fireNow} fires any of them at once, for a test.
 */
public final class LocalScheduler implements AutoCloseable {

    /** The group that exists in every account. */
    public static final String DEFAULT_GROUP = "default";

    /**
     * The Scheduler backs off for minutes between retries; locally seconds, so that a failing schedule reaches
     * its dead-letter queue while one watches. The last delay serves for any further retry.
     */
    public static final List<Duration> LOCAL_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15));

    /** What the local Scheduler did with one attempt at an occurrence: a request id, or the error it met. */
    public record Delivery(String scheduleArn, String targetArn, String input, Instant scheduledTime, int attempt,
                           String requestId, String errorCode, String errorMessage) {
        public boolean succeeded() {
            return errorCode == null;
        }
    }

    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+");
    private static final int MAX_INPUT_CHARS = 8192;
    private static final int DELIVERIES_KEPT = 1000;

    /** A schedule and its pending firing; a new entry (an update) makes the old one's firing and retries stale. */
    private static final class Entry {
        final Schedule schedule;
        /** The period of a template's rate schedule, fired at that rate; empty for the others. */
        final Optional<Duration> rate;
        ScheduledFuture<?> firing;

        Entry(Schedule schedule, Optional<Duration> rate) {
            this.schedule = schedule;
            this.rate = rate;
        }
    }

    /** @param firstAttempt when it was first delivered, from which its age counts (a time already past fires late) */
    private record Occurrence(Entry entry, String executionId, Instant scheduledTime, Instant firstAttempt, int attempt) {
        Occurrence next() {
            return new Occurrence(entry, executionId, scheduledTime, firstAttempt, attempt + 1);
        }
    }

    private final String region;
    private final String accountId;
    private final Set<String> groups;
    private final ScheduleDeadLetters deadLetters;
    private final List<Duration> retryDelays;
    private final Consumer<String> log;
    private final Clock clock;
    private final Map<String, Entry> schedules = new LinkedHashMap<>();
    private final Deque<Delivery> deliveries = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private volatile ScheduleTargets targets;
    private final LocalIam iam;
    private SchedulerApi api;

    /**
     * @param groups      the schedule groups that exist besides {@value #DEFAULT_GROUP} (the template's)
     * @param deadLetters where exhausted occurrences go
     * @param retryDelays the wait before each retry of a refused invocation
     * @param iam         authorises the API's callers, and each schedule's target call and dead letter as its role
     * @param log         one line per firing, retry, dead letter and completion
     */
    public LocalScheduler(String region, String accountId, Collection<String> groups, ScheduleTargets targets,
                          ScheduleDeadLetters deadLetters, List<Duration> retryDelays, LocalIam iam, Consumer<String> log) {
        if (retryDelays.isEmpty()) {
            throw new IllegalArgumentException("Give at least one retry delay");
        }
        this.region = region;
        this.accountId = accountId;
        Set<String> known = new HashSet<>(groups);
        known.add(DEFAULT_GROUP);
        this.groups = Set.copyOf(known);
        this.targets = targets;
        this.deadLetters = deadLetters;
        this.iam = Objects.requireNonNull(iam);
        this.retryDelays = List.copyOf(retryDelays);
        this.log = log;
        this.clock = Clock.systemUTC();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Serves the API on 127.0.0.1:{@code port} (0 for a free port). */
    public synchronized LocalScheduler start(int port) {
        api = new SchedulerApi(this, log).start(port);
        return this;
    }

    /** What {@code AWS_ENDPOINT_URL_SCHEDULER} and {@code aws.endpointUrlScheduler} should say. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + api.port());
    }

    /** Invokes other targets from now on: a test that runs the target's handler itself, say. */
    public void deliverTo(ScheduleTargets targets) {
        this.targets = Objects.requireNonNull(targets);
    }

    /** The schedules held now, in the order they were created. */
    public synchronized List<Schedule> schedules() {
        return schedules.values().stream().map(entry -> entry.schedule).toList();
    }

    public synchronized Optional<Schedule> schedule(String groupName, String name) {
        return Optional.ofNullable(schedules.get(key(groupName, name))).map(entry -> entry.schedule);
    }

    /** Every attempt at an occurrence, the oldest first (the last {@value #DELIVERIES_KEPT}). */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Fires the schedule now rather than at its time, in this thread, as the Scheduler would fire it then:
     * its first attempt, then its retries, dead letter and completion as usual. A schedule fires once: a
     * second call, or a call after its time, delivers the occurrence again, as an at-least-once delivery
     * may (unless it was deleted on completion).
     *
     * @throws NoSuchElementException when the group holds no such schedule
     */
    public Delivery fireNow(String groupName, String name) {
        Entry entry;
        synchronized (this) {
            entry = schedules.get(key(groupName, name));
            if (entry == null) {
                throw new NoSuchElementException("Schedule " + name + " does not exist in group " + groupName);
            }
            if (entry.firing != null && entry.rate.isEmpty()) {
                entry.firing.cancel(false);
            }
        }
        Instant scheduledTime = entry.schedule.fireTime().orElse(clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        return attempt(new Occurrence(entry, UUID.randomUUID().toString(), scheduledTime, clock.instant(), 1));
    }

    /**
     * Creates a schedule of the template, as CloudFormation does when it creates the stack: validated as
     * CreateSchedule validates it; one with a {@code rate(...)} expression fires at that rate from now on if
     * {@code fireAtRate} (a test fires it with {@link #fireNow} instead, when it chooses).
     *
     * @param definition the resource's properties, resolved (its {@code Name} and {@code GroupName} aside)
     * @return the schedule's ARN
     */
    public synchronized String provision(String name, JsonNode definition, boolean fireAtRate) {
        Schedule given = validated(name, definition, null);
        if (schedules.containsKey(key(given.groupName(), name))) {
            throw InvalidRequestException.conflict("Schedule " + name + " already exists.");
        }
        Optional<Duration> rate = ScheduleExpression.rate(given.expression());
        if (rate.isEmpty()) {
            put(given);
            return given.arn();
        }
        Entry entry = new Entry(given, rate);
        schedules.put(key(given.groupName(), name), entry);
        if (fireAtRate && given.enabled()) {
            long period = rate.get().toMillis();
            try {
                entry.firing = timer.scheduleAtFixedRate(() -> fireAtRate(entry), period, period, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // stopping: nothing fires any more
            }
        }
        log.accept("provisioned schedule " + given.groupName() + "/" + name + " " + given.expression() + " -> "
                + given.targetArn() + (fireAtRate ? "" : " (fired on demand only)"));
        return given.arn();
    }

    /** The period at which the schedule fires locally: a template's rate schedule's; empty for the others. */
    public synchronized Optional<Duration> rate(String groupName, String name) {
        return Optional.ofNullable(schedules.get(key(groupName, name))).flatMap(entry -> entry.rate);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (api != null) {
                api.close();
            }
        }
    }

    /** What calling the target needs of the schedule's role. */
    private static List<Access> targetAccess(String targetArn) {
        if (targetArn.startsWith("arn:aws:lambda:")) {
            return List.of(Access.of("lambda:InvokeFunction", targetArn));
        }
        if (targetArn.startsWith("arn:aws:sqs:")) {
            return List.of(Access.of("sqs:SendMessage", targetArn));
        }
        return List.of();
    }

    LocalIam iam() {
        return iam;
    }

    String scheduleArn(String groupName, String name) {
        return "arn:aws:scheduler:%s:%s:schedule/%s/%s".formatted(region, accountId, group(groupName), name);
    }

    // ---------------------------------------------------------------- the API's operations

    synchronized String create(String name, JsonNode request) {
        Schedule given = validated(name, request, null);
        Entry existing = schedules.get(key(given.groupName(), name));
        if (existing != null) {
            // the SDK sends one ClientToken per call and repeats it on its retries: a retry is no conflict
            if (given.clientToken() != null && given.clientToken().equals(existing.schedule.clientToken())) {
                return existing.schedule.arn();
            }
            throw InvalidRequestException.conflict("Schedule " + name + " already exists.");
        }
        put(given);
        log.accept("created schedule " + given.groupName() + "/" + name + " " + given.expression() + " "
                + given.timezone() + " -> " + given.targetArn());
        return given.arn();
    }

    /** The Scheduler's update replaces the whole definition: what the request leaves out takes its default. */
    synchronized String update(String name, JsonNode request) {
        String group = groupOf(request);
        Entry existing = schedules.get(key(group, name));
        if (existing == null) {
            throw InvalidRequestException.notFound("Schedule " + name + " does not exist.");
        }
        Schedule updated = validated(name, request, existing.schedule.created());
        cancel(existing);
        put(updated);
        log.accept("updated schedule " + group + "/" + name + " " + updated.expression() + " " + updated.timezone()
                + " -> " + updated.targetArn());
        return updated.arn();
    }

    synchronized void delete(String groupName, String name) {
        Entry removed = schedules.remove(key(group(groupName), name));
        if (removed == null) {
            throw InvalidRequestException.notFound("Schedule " + name + " does not exist.");
        }
        cancel(removed);
        log.accept("deleted schedule " + group(groupName) + "/" + name);
    }

    /** GetSchedule's answer. */
    synchronized ObjectNode get(String groupName, String name) {
        Entry entry = schedules.get(key(group(groupName), name));
        if (entry == null) {
            throw InvalidRequestException.notFound("Schedule " + name + " does not exist.");
        }
        Schedule schedule = entry.schedule;
        ObjectNode answer = schedule.definition();
        answer.remove("ClientToken");
        answer.put("Arn", schedule.arn());
        answer.put("Name", schedule.name());
        answer.put("GroupName", schedule.groupName());
        answer.put("CreationDate", epochSeconds(schedule.created()));
        answer.put("LastModificationDate", epochSeconds(schedule.modified()));
        return answer;
    }

    /** ListSchedules' summaries, filtered as its query asks. */
    synchronized List<ObjectNode> list(String groupName, String namePrefix, String state) {
        List<ObjectNode> summaries = new ArrayList<>();
        schedules.values().stream().map(entry -> entry.schedule)
                .filter(schedule -> groupName == null || schedule.groupName().equals(groupName))
                .filter(schedule -> namePrefix == null || schedule.name().startsWith(namePrefix))
                .filter(schedule -> state == null || schedule.state().equals(state))
                .sorted(Comparator.comparing(Schedule::groupName).thenComparing(Schedule::name))
                .forEach(schedule -> {
                    ObjectNode summary = SchedulerApi.JSON.createObjectNode();
                    summary.put("Arn", schedule.arn());
                    summary.put("CreationDate", epochSeconds(schedule.created()));
                    summary.put("GroupName", schedule.groupName());
                    summary.put("LastModificationDate", epochSeconds(schedule.modified()));
                    summary.put("Name", schedule.name());
                    summary.put("State", schedule.state());
                    summary.putObject("Target").put("Arn", schedule.targetArn());
                    summaries.add(summary);
                });
        return summaries;
    }

    // ---------------------------------------------------------------- firing

    private void put(Schedule schedule) {
        Entry entry = new Entry(schedule, Optional.empty());
        schedules.put(key(schedule.groupName(), schedule.name()), entry);
        if (schedule.fireTime().isEmpty()) {
            log.accept("schedule " + schedule.groupName() + "/" + schedule.name() + " (" + schedule.expression()
                    + ") is kept but not fired: the local Scheduler fires one-time at(...) schedules only");
            return;
        }
        if (!schedule.enabled()) {
            return;
        }
        arm(entry);
    }

    /** A time already past fires at once: nothing scheduled is silently skipped. */
    private void arm(Entry entry) {
        long delay = Math.max(0, Duration.between(clock.instant(), entry.schedule.fireTime().orElseThrow()).toMillis());
        try {
            entry.firing = timer.schedule(() -> fire(entry), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // stopping: nothing fires any more
        }
    }

    private void fire(Entry entry) {
        synchronized (this) {
            if (!isCurrent(entry)) {
                return;
            }
            // the timer's clock and the wall clock drift apart by a little: never fire before the time
            if (clock.instant().isBefore(entry.schedule.fireTime().orElseThrow())) {
                arm(entry);
                return;
            }
        }
        attempt(new Occurrence(entry, UUID.randomUUID().toString(), entry.schedule.fireTime().orElseThrow(),
                clock.instant(), 1));
    }

    /** One occurrence of a rate schedule: its time is now, each delivered and retried as any other. */
    private void fireAtRate(Entry entry) {
        synchronized (this) {
            if (!isCurrent(entry)) {
                return;
            }
        }
        Instant now = clock.instant();
        attempt(new Occurrence(entry, UUID.randomUUID().toString(), now.truncatedTo(ChronoUnit.SECONDS), now, 1));
    }

    private Delivery attempt(Occurrence occurrence) {
        Schedule schedule = occurrence.entry().schedule;
        String input = contextAttributes(schedule, occurrence);
        String where = schedule.groupName() + "/" + schedule.name();
        Delivery delivery;
        try {
            Decision asRole = iam.authoriseRole(schedule.roleArn(), targetAccess(schedule.targetArn()));
            if (asRole.refusal().isPresent()) {
                throw new ScheduleTargets.TargetException("AccessDeniedException", asRole.refusal().get().message());
            }
            String requestId = targets.invoke(schedule.targetArn(), input.getBytes(StandardCharsets.UTF_8));
            delivery = new Delivery(schedule.arn(), schedule.targetArn(), input, occurrence.scheduledTime(),
                    occurrence.attempt(), requestId, null, null);
            record(delivery);
            log.accept("fired schedule " + where + " -> " + schedule.targetArn() + " (request " + requestId + ")"
                    + (occurrence.attempt() > 1 ? " on attempt " + occurrence.attempt() : ""));
            completed(occurrence.entry());
        } catch (ScheduleTargets.TargetException | RuntimeException e) {
            String code = e instanceof ScheduleTargets.TargetException refused ? refused.errorCode() : "AWS.Scheduler.InternalServerError";
            delivery = new Delivery(schedule.arn(), schedule.targetArn(), input, occurrence.scheduledTime(),
                    occurrence.attempt(), null, code, String.valueOf(e.getMessage()));
            record(delivery);
            failed(occurrence, delivery);
        }
        return delivery;
    }

    private void failed(Occurrence occurrence, Delivery delivery) {
        Schedule schedule = occurrence.entry().schedule;
        int retriesDone = occurrence.attempt() - 1;
        String what = "schedule " + schedule.groupName() + "/" + schedule.name() + " could not invoke "
                + schedule.targetArn() + " (attempt " + occurrence.attempt() + "): " + delivery.errorCode() + " "
                + LogText.escape(delivery.errorMessage());
        Duration delay = retryDelays.get(Math.min(retriesDone, retryDelays.size() - 1));
        if (retriesDone >= schedule.maximumRetryAttempts()) {
            log.accept(what);
            exhausted(occurrence, delivery, "MaximumRetryAttempts");
            return;
        }
        if (clock.instant().plus(delay).isAfter(occurrence.firstAttempt().plusSeconds(schedule.maximumEventAgeSeconds()))) {
            log.accept(what);
            exhausted(occurrence, delivery, "MaximumEventAgeInSeconds");
            return;
        }
        log.accept(what + "; retried in " + delay.toMillis() / 1000.0 + " s");
        try {
            timer.schedule(() -> {
                synchronized (this) {
                    // updated or deleted meanwhile: this occurrence is no more
                    if (!isCurrent(occurrence.entry())) {
                        return;
                    }
                }
                attempt(occurrence.next());
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            log.accept("schedule " + schedule.groupName() + "/" + schedule.name() + ": retry dropped at shutdown");
        }
    }

    /** The Scheduler's dead-letter message: the input as body, what went wrong in its attributes. */
    private void exhausted(Occurrence occurrence, Delivery last, String condition) {
        Schedule schedule = occurrence.entry().schedule;
        String where = "schedule " + schedule.groupName() + "/" + schedule.name();
        Optional<String> queue = schedule.deadLetterArn();
        if (queue.isEmpty()) {
            log.accept(where + ": occurrence dropped (" + condition + "), the target has no DeadLetterConfig");
        } else {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("ERROR_CODE", last.errorCode());
            attributes.put("ERROR_MESSAGE", last.errorMessage());
            attributes.put("EXECUTION_ID", occurrence.executionId());
            attributes.put("EXHAUSTED_RETRY_CONDITION", condition);
            attributes.put("IS_PAYLOAD_TRUNCATED", "false");
            attributes.put("RETRY_ATTEMPTS", String.valueOf(occurrence.attempt() - 1));
            attributes.put("SCHEDULED_TIME", occurrence.scheduledTime().toString());
            attributes.put("SCHEDULE_ARN", schedule.arn());
            attributes.put("TARGET_ARN", schedule.targetArn());
            Decision asRole = iam.authoriseRole(schedule.roleArn(), List.of(Access.of("sqs:SendMessage", queue.get())));
            try {
                if (asRole.refusal().isPresent()) {
                    throw new IllegalStateException(asRole.refusal().get().message());
                }
                deadLetters.send(queue.get(), last.input(), attributes);
                log.accept(where + ": occurrence went to the dead-letter queue " + queue.get() + " (" + condition + ")");
            } catch (Exception e) {
                log.accept(where + ": occurrence could not go to the dead-letter queue " + queue.get() + ": "
                        + LogText.escape(e.toString()));
            }
        }
        completed(occurrence.entry());
    }

    private synchronized void completed(Entry entry) {
        if ("DELETE".equals(entry.schedule.actionAfterCompletion()) && entry.rate.isEmpty() && isCurrent(entry)) {
            schedules.remove(key(entry.schedule.groupName(), entry.schedule.name()));
            log.accept("schedule " + entry.schedule.groupName() + "/" + entry.schedule.name()
                    + " deleted on completion (ActionAfterCompletion DELETE)");
        }
    }

    private synchronized void record(Delivery delivery) {
        if (deliveries.size() == DELIVERIES_KEPT) {
            deliveries.removeFirst();
        }
        deliveries.addLast(delivery);
    }

    private boolean isCurrent(Entry entry) {
        return schedules.get(key(entry.schedule.groupName(), entry.schedule.name())) == entry;
    }

    private static void cancel(Entry entry) {
        if (entry.firing != null) {
            entry.firing.cancel(false);
        }
    }

    /** The Scheduler's context attributes, which it replaces in the input of each invocation. */
    private static String contextAttributes(Schedule schedule, Occurrence occurrence) {
        String input = schedule.input() == null ? "{}" : schedule.input();
        return input.replace("<aws.scheduler.schedule-arn>", schedule.arn())
                .replace("<aws.scheduler.scheduled-time>", occurrence.scheduledTime().toString())
                .replace("<aws.scheduler.execution-id>", occurrence.executionId())
                .replace("<aws.scheduler.attempt-number>", String.valueOf(occurrence.attempt()));
    }

    // ---------------------------------------------------------------- validation

    private Schedule validated(String name, JsonNode request, Instant created) {
        if (!NAME.matcher(name).matches()) {
            throw InvalidRequestException.validation("1 validation error detected: Value '" + name + "' at 'name' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+ (1 to 64)");
        }
        if (!(request instanceof ObjectNode body)) {
            throw InvalidRequestException.validation("The request body is a JSON object");
        }
        String group = groupOf(body);
        if (!groups.contains(group)) {
            throw InvalidRequestException.notFound("Schedule group " + group + " does not exist.");
        }
        ScheduleExpression when = ScheduleExpression.parse(text(body, "ScheduleExpression"),
                text(body, "ScheduleExpressionTimezone"));
        JsonNode window = body.get("FlexibleTimeWindow");
        String mode = window == null ? null : text(window, "Mode");
        if (!"OFF".equals(mode) && !"FLEXIBLE".equals(mode)) {
            throw InvalidRequestException.validation("FlexibleTimeWindow is required, with Mode OFF or FLEXIBLE");
        }
        if ("FLEXIBLE".equals(mode) && !within(window.get("MaximumWindowInMinutes"), 1, 1440)) {
            throw InvalidRequestException.validation("FlexibleTimeWindow.MaximumWindowInMinutes must be 1 to 1440 with Mode FLEXIBLE");
        }
        JsonNode target = body.get("Target");
        if (target == null || text(target, "Arn") == null || text(target, "RoleArn") == null) {
            throw InvalidRequestException.validation("Target is required, with its Arn and RoleArn");
        }
        String input = text(target, "Input");
        if (input != null && (input.isEmpty() || input.length() > MAX_INPUT_CHARS)) {
            throw InvalidRequestException.validation("Target.Input must be 1 to " + MAX_INPUT_CHARS + " characters");
        }
        JsonNode retry = target.path("RetryPolicy");
        if (retry.has("MaximumRetryAttempts") && !within(retry.get("MaximumRetryAttempts"), 0, 185)) {
            throw InvalidRequestException.validation("Target.RetryPolicy.MaximumRetryAttempts must be 0 to 185");
        }
        if (retry.has("MaximumEventAgeInSeconds") && !within(retry.get("MaximumEventAgeInSeconds"), 60, 86_400)) {
            throw InvalidRequestException.validation("Target.RetryPolicy.MaximumEventAgeInSeconds must be 60 to 86400");
        }
        String deadLetters = text(target.path("DeadLetterConfig"), "Arn");
        if (deadLetters != null && !SQS_ARN.matcher(deadLetters).matches()) {
            throw InvalidRequestException.validation("Target.DeadLetterConfig.Arn must be the ARN of a standard SQS queue, not " + deadLetters);
        }
        String state = body.path("State").asText("ENABLED");
        if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw InvalidRequestException.validation("State must be ENABLED or DISABLED");
        }
        String after = body.path("ActionAfterCompletion").asText("NONE");
        if (!after.equals("NONE") && !after.equals("DELETE")) {
            throw InvalidRequestException.validation("ActionAfterCompletion must be NONE or DELETE");
        }
        ObjectNode definition = body.deepCopy();
        definition.remove(List.of("Name", "GroupName"));
        definition.put("State", state);
        definition.put("ActionAfterCompletion", after);
        definition.put("ScheduleExpressionTimezone", when.zone().getId());
        Instant now = clock.instant();
        String arn = "arn:aws:scheduler:%s:%s:schedule/%s/%s".formatted(region, accountId, group, name);
        return new Schedule(name, group, arn, definition, when.oneTime(), created == null ? now : created, now,
                text(body, "ClientToken"));
    }

    private static String groupOf(JsonNode request) {
        return group(text(request, "GroupName"));
    }

    private static String group(String groupName) {
        return groupName == null || groupName.isEmpty() ? DEFAULT_GROUP : groupName;
    }

    private static String key(String groupName, String name) {
        return group(groupName) + "/" + name;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean within(JsonNode number, long min, long max) {
        return number != null && number.canConvertToLong() && number.asLong() >= min && number.asLong() <= max;
    }

    /** REST-JSON's timestamps: seconds since the epoch, with the milliseconds as a fraction. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
