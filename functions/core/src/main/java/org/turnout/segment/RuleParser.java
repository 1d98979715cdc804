package org.turnout.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.Contact;
import org.turnout.contact.Tags;
import org.turnout.precinct.StationCode;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;

/**
 * Reads the JSON rule language into a {@link SegmentRule}, checking every node; an invalid rule is
 * refused with the path of each bad node ({@code rule.all[2].any[0].op}). The language:
 * <pre>
 * {"all": [...]} | {"any": [...]} | {"not": {...}} | {"field": ..., "op": ..., ...}
 * status          in [subscribed, imported, ...]
 * tags            hasAny | hasAll | hasNone [values]
 * station         in [values]
 * postcode        prefix [values]
 * source          in | prefix [values]                    (the consent record's source)
 * createdAt, confirmedAt   after | before "2026-01-31" | withinLastDays 30
 * lastOpenedAt, lastClickedAt   the same                 (from the SES open and click events)
 * attributes.NAME equals "v" | in [values] | exists | prefix "v" | between {min, max} | dateBetween {from, to}
 * canvass.support between {min, max} | in ["1", "2"]
 * canvass.volunteer equals true|false
 * canvass.outcome in [talked, not_home, refused, moved, inaccessible]    (the latest door knock)
 * canvass.lastContactedAt  after | before "2026-01-31" | withinLastDays 30
 * mailings.received | mailings.opened | mailings.clicked   hasAny [mailing ids]
 * mailings.notOpened inLast N                              (none of the last N mailings received was opened)
 * </pre>
 */
public final class RuleParser {
    static final int MAX_DEPTH = 8;
    static final int MAX_NODES = 200;
    static final int MAX_VALUES = 500;
    private static final Pattern NUMBER_SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");
    private static final Pattern FRENCH_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Set<String> STATUSES = Set.of("pending", "subscribed", "imported", "unsubscribed", "bounced", "complained");

    private final FieldErrors errors = new FieldErrors();
    private int nodes;

    private RuleParser() {
    }

    /** The rule, or an {@link InvalidInputException} naming every bad node under {@code path}. */
    public static SegmentRule parse(JsonNode json, String path) {
        RuleParser parser = new RuleParser();
        SegmentRule rule = parser.node(json, path, 1);
        parser.errors.throwIfAny();
        return rule;
    }

    private SegmentRule node(JsonNode json, String path, int depth) {
        if (++nodes > MAX_NODES) {
            errors.add(path, "the rule has more than " + MAX_NODES + " nodes");
            return null;
        }
        if (json == null || !json.isObject()) {
            errors.add(path, "must be an object: {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or a condition");
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(path, "nests deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (json.has("all") || json.has("any")) {
            String kind = json.has("all") ? "all" : "any";
            JsonNode list = json.get(kind);
            if (!list.isArray() || list.isEmpty()) {
                errors.add(path + "." + kind, "must be a non-empty list of rules");
                return null;
            }
            List<SegmentRule> rules = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                rules.add(node(list.get(i), path + "." + kind + "[" + i + "]", depth + 1));
            }
            return kind.equals("all") ? new SegmentRule.All(rules) : new SegmentRule.Any(rules);
        }
        if (json.has("not")) {
            return new SegmentRule.Not(node(json.get("not"), path + ".not", depth + 1));
        }
        return condition(json, path);
    }

    private SegmentRule condition(JsonNode json, String path) {
        String field = json.path("field").asText(null);
        String op = json.path("op").asText(null);
        if (field == null) {
            errors.add(path + ".field", "is required (or use all, any, not)");
            return null;
        }
        if (op == null) {
            errors.add(path + ".op", "is required");
            return null;
        }
        SegmentRule.ContactTest test = test(field, op, json, path);
        return test == null ? null : new SegmentRule.Condition(field, op, test);
    }

    private SegmentRule.ContactTest test(String field, String op, JsonNode json, String path) {
        if (field.startsWith("attributes.") && field.length() > "attributes.".length()) {
            return attribute(field.substring("attributes.".length()), op, json, path);
        }
        switch (field) {
            case "status": {
                if (!op.equals("in")) {
                    return badOp(path, field, "in");
                }
                Set<String> values = values(json, path);
                values.stream().filter(v -> !STATUSES.contains(v))
                        .forEach(v -> errors.add(path + ".values", "'" + v + "' is not a status (" + String.join(", ", STATUSES) + ")"));
                return (c, now) -> values.contains(c.status());
            }
            case "tags":
                // both sides in their one spelling: "Bénévole" finds "bénévole", and tags stored
                // before they were normalised are still found
                return listTest(op, normalised(values(json, path)), path, field, c -> Tags.normaliseAll(c.tags()));
            case "station": {
                if (!op.equals("in")) {
                    return badOp(path, field, "in");
                }
                // one station however it is written: "1" finds contacts who gave "0001" or "BV1"
                Set<String> values = values(json, path).stream().map(StationCode::canonical).collect(Collectors.toSet());
                return (c, now) -> c.station() != null && values.contains(StationCode.canonical(c.station()));
            }
            case "postcode": {
                if (!op.equals("prefix")) {
                    return badOp(path, field, "prefix");
                }
                Set<String> prefixes = values(json, path);
                return (c, now) -> c.postcode() != null && prefixes.stream().anyMatch(c.postcode()::startsWith);
            }
            case "source": {
                Set<String> values = values(json, path);
                Function<Contact, String> source = c -> c.consent() == null ? null : c.consent().source();
                return switch (op) {
                    case "in" -> (c, now) -> values.contains(source.apply(c));
                    case "prefix" -> (c, now) -> source.apply(c) != null && values.stream().anyMatch(source.apply(c)::startsWith);
                    default -> badOp(path, field, "in, prefix");
                };
            }
            case "createdAt":
                return dateTest(op, json, path, field, Contact::createdAt);
            case "confirmedAt":
                return dateTest(op, json, path, field, c -> {
                    ConsentRecord consent = c.consent();
                    return consent == null ? null : consent.confirmedAt();
                });
            case "lastOpenedAt":
                return dateTest(op, json, path, field, Contact::lastOpenedAt);
            case "lastClickedAt":
                return dateTest(op, json, path, field, Contact::lastClickedAt);
            case "canvass.support": {
                if (op.equals("between")) {
                    Range range = range(json, path);
                    return (c, now) -> c.canvassSupport() != null && range.contains(BigDecimal.valueOf(c.canvassSupport()));
                }
                if (op.equals("in")) {
                    Set<String> values = values(json, path);
                    return (c, now) -> c.canvassSupport() != null && values.contains(c.canvassSupport().toString());
                }
                return badOp(path, field, "between, in");
            }
            case "canvass.volunteer": {
                if (!op.equals("equals") || !json.path("value").isBoolean()) {
                    return op.equals("equals") ? missing(path + ".value", "must be true or false") : badOp(path, field, "equals");
                }
                boolean wanted = json.get("value").asBoolean();
                return (c, now) -> Objects.equals(c.canvassVolunteer(), wanted) || (!wanted && c.canvassVolunteer() == null);
            }
            case "canvass.outcome": {
                if (!op.equals("in")) {
                    return badOp(path, field, "in");
                }
                Set<String> values = values(json, path);
                return (c, now) -> c.canvassOutcome() != null && values.contains(c.canvassOutcome());
            }
            case "canvass.lastContactedAt":
                return dateTest(op, json, path, field, Contact::lastCanvassedAt);
            case "mailings.received":
                return listTest(op, json, path, field, Contact::mailingsReceived);
            case "mailings.opened":
                return listTest(op, json, path, field, Contact::mailingsOpened);
            case "mailings.clicked":
                return listTest(op, json, path, field, Contact::mailingsClicked);
            case "mailings.notOpened": {
                if (!op.equals("inLast")) {
                    return badOp(path, field, "inLast");
                }
                int last = positive(json, "value", path);
                return (c, now) -> {
                    List<String> received = orEmpty(c.mailingsReceived());
                    Set<String> opened = new HashSet<>(orEmpty(c.mailingsOpened()));
                    List<String> recent = received.subList(Math.max(0, received.size() - last), received.size());
                    return recent.size() == last && recent.stream().noneMatch(opened::contains);
                };
            }
            default:
                errors.add(path + ".field", "'" + field + "' is not a field (status, tags, station, postcode, source, createdAt, "
                        + "confirmedAt, lastOpenedAt, lastClickedAt, attributes.NAME, canvass.support, canvass.volunteer, canvass.outcome, canvass.lastContactedAt, mailings.received, mailings.opened, "
                        + "mailings.clicked, mailings.notOpened)");
                return null;
        }
    }

    private SegmentRule.ContactTest listTest(String op, JsonNode json, String path, String field, Function<Contact, List<String>> list) {
        return listTest(op, values(json, path), path, field, list);
    }

    private SegmentRule.ContactTest listTest(String op, Set<String> values, String path, String field, Function<Contact, List<String>> list) {
        return switch (op) {
            case "hasAny" -> (c, now) -> orEmpty(list.apply(c)).stream().anyMatch(values::contains);
            case "hasAll" -> (c, now) -> new HashSet<>(orEmpty(list.apply(c))).containsAll(values);
            case "hasNone" -> (c, now) -> orEmpty(list.apply(c)).stream().noneMatch(values::contains);
            default -> badOp(path, field, "hasAny, hasAll, hasNone");
        };
    }

    private SegmentRule.ContactTest dateTest(String op, JsonNode json, String path, String field, Function<Contact, Instant> date) {
        switch (op) {
            case "after":
            case "before": {
                Instant limit = instant(json.path("value"), path + ".value");
                return op.equals("after")
                        ? (c, now) -> date.apply(c) != null && limit != null && date.apply(c).isAfter(limit)
                        : (c, now) -> date.apply(c) != null && limit != null && date.apply(c).isBefore(limit);
            }
            case "withinLastDays": {
                Duration window = Duration.ofDays(positive(json, "value", path));
                return (c, now) -> date.apply(c) != null && !date.apply(c).isBefore(now.minus(window));
            }
            default:
                return badOp(path, field, "after, before, withinLastDays");
        }
    }

    private SegmentRule.ContactTest attribute(String name, String op, JsonNode json, String path) {
        Function<Contact, String> value = c -> c.attributes() == null ? null : c.attributes().get(name);
        switch (op) {
            case "exists":
                return (c, now) -> value.apply(c) != null;
            case "equals": {
                String wanted = text(json, "value", path);
                return (c, now) -> Objects.equals(value.apply(c), wanted);
            }
            case "in": {
                Set<String> values = values(json, path);
                return (c, now) -> values.contains(value.apply(c));
            }
            case "prefix": {
                String prefix = text(json, "value", path);
                return (c, now) -> value.apply(c) != null && prefix != null && value.apply(c).startsWith(prefix);
            }
            case "between": {
                Range range = range(json, path);
                return (c, now) -> {
                    BigDecimal number = number(value.apply(c));
                    return number != null && range.contains(number);
                };
            }
            case "dateBetween": {
                LocalDate from = date(json.path("from"), path + ".from", true);
                LocalDate to = date(json.path("to"), path + ".to", true);
                if (from == null && to == null) {
                    errors.add(path, "needs from, to, or both (dates as 2026-01-31)");
                }
                return (c, now) -> {
                    LocalDate date = lenientDate(value.apply(c));
                    return date != null && (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
                };
            }
            default:
                return badOp(path, "attributes." + name, "equals, in, exists, prefix, between, dateBetween");
        }
    }

    private record Range(BigDecimal min, BigDecimal max) {
        boolean contains(BigDecimal n) {
            return (min == null || n.compareTo(min) >= 0) && (max == null || n.compareTo(max) <= 0);
        }
    }

    private Range range(JsonNode json, String path) {
        BigDecimal min = json.has("min") ? decimal(json.get("min"), path + ".min") : null;
        BigDecimal max = json.has("max") ? decimal(json.get("max"), path + ".max") : null;
        if (!json.has("min") && !json.has("max")) {
            errors.add(path, "needs min, max, or both");
        }
        return new Range(min, max);
    }

    private BigDecimal decimal(JsonNode node, String path) {
        if (!node.isNumber()) {
            errors.add(path, "must be a number");
            return null;
        }
        return node.decimalValue();
    }

    private Set<String> values(JsonNode json, String path) {
        JsonNode values = json.path("values");
        if (!values.isArray() || values.isEmpty()) {
            errors.add(path + ".values", "must be a non-empty list");
            return Set.of();
        }
        if (values.size() > MAX_VALUES) {
            errors.add(path + ".values", "at most " + MAX_VALUES + " values");
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual()) {
                errors.add(path + ".values[" + i + "]", "must be a string");
            } else {
                out.add(values.get(i).asText());
            }
        }
        return out;
    }

    private static Set<String> normalised(Set<String> values) {
        return new HashSet<>(Tags.normaliseAll(values));
    }

    private String text(JsonNode json, String key, String path) {
        JsonNode node = json.path(key);
        if (!node.isTextual()) {
            errors.add(path + "." + key, "must be a string");
            return null;
        }
        return node.asText();
    }

    private int positive(JsonNode json, String key, String path) {
        JsonNode node = json.path(key);
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > 3650) {
            errors.add(path + "." + key, "must be a whole number from 1 to 3650");
            return 1;
        }
        return node.asInt();
    }

    private Instant instant(JsonNode node, String path) {
        LocalDate date = date(node, path, false);
        if (date != null) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(path, "must be a date (2026-01-31) or an instant (2026-01-31T18:00:00Z)");
        return null;
    }

    private LocalDate date(JsonNode node, String path, boolean report) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            if (report) {
                errors.add(path, "must be a date (2026-01-31)");
            }
            return null;
        }
    }

    private SegmentRule.ContactTest badOp(String path, String field, String allowed) {
        errors.add(path + ".op", "is not an operator of " + field + " (" + allowed + ")");
        return null;
    }

    private SegmentRule.ContactTest missing(String path, String message) {
        errors.add(path, message);
        return null;
    }

    /** Attribute values come from spreadsheets: "1 250,5" and "1250.5" are the same number. */
    static BigDecimal number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(NUMBER_SPACES.matcher(value).replaceAll("").replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Dates in attributes: ISO (2026-01-31) or French (31/01/2026). */
    static LocalDate lenientDate(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            Matcher french = FRENCH_DATE.matcher(v);
            if (french.matches()) {
                return LocalDate.of(Integer.parseInt(french.group(3)), Integer.parseInt(french.group(2)), Integer.parseInt(french.group(1)));
            }
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

}
