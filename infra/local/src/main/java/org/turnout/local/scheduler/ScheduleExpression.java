package org.turnout.local.scheduler;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule's {@code ScheduleExpression} in its {@code ScheduleExpressionTimezone}, as the Scheduler reads it:
 * {@code at(yyyy-mm-ddThh:mm:ss)} for a one-time schedule, {@code rate(...)} and {@code cron(...)} for recurring
 * ones. The local Scheduler fires the one-time kind only; the others are accepted and kept, as the API would.
 */
record ScheduleExpression(String expression, ZoneId zone, Optional<Instant> oneTime) {

    static final String UTC = "UTC";

    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RECURRING = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern RATE = Pattern.compile("rate\\(([1-9]\\d*) (minute|minutes|hour|hours|day|days)\\)");

    /** The period of a {@code rate(value unit)} expression (a value of 1 takes the singular unit, others the plural). */
    static Optional<Duration> rate(String expression) {
        Matcher rate = RATE.matcher(expression == null ? "" : expression);
        if (!rate.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(rate.group(1));
        String unit = rate.group(2);
        if ((value == 1) != !unit.endsWith("s")) {
            return Optional.empty();
        }
        return Optional.of(switch (unit.replaceFirst("s$", "")) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        });
    }

    /** @throws InvalidRequestException naming what is wrong, as the Scheduler's ValidationException does */
    static ScheduleExpression parse(String expression, String timezone) {
        if (expression == null || expression.isEmpty()) {
            throw InvalidRequestException.validation("ScheduleExpression is required");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null || timezone.isEmpty() ? UTC : timezone);
        } catch (DateTimeException e) {
            throw InvalidRequestException.validation("Invalid time zone: " + timezone);
        }
        Matcher at = AT.matcher(expression);
        if (at.matches()) {
            try {
                // a wall-clock time that a DST change skips moves forward, as in the Scheduler
                return new ScheduleExpression(expression, zone,
                        Optional.of(LocalDateTime.parse(at.group(1)).atZone(zone).toInstant()));
            } catch (DateTimeParseException e) {
                throw InvalidRequestException.validation("Invalid Schedule Expression " + expression + ".");
            }
        }
        if (RECURRING.matcher(expression).matches()) {
            return new ScheduleExpression(expression, zone, Optional.empty());
        }
        throw InvalidRequestException.validation("Invalid Schedule Expression " + expression + ".");
    }
}
