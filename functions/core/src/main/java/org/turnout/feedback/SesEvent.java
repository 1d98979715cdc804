package org.turnout.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SES event as a configuration set publishes it (the JSON inside the SNS message): its type,
 * the message it is about, the recipients it concerns, when it happened and the message's tags.
 */
public record SesEvent(String eventType, String messageId, String bounceType, List<String> recipients, Instant at,
                       String organisationTag, String mailingTag, String contactTag) {
    public static final String BOUNCE = "Bounce";
    public static final String COMPLAINT = "Complaint";
    public static final String DELIVERY = "Delivery";
    public static final String SEND = "Send";
    public static final String REJECT = "Reject";
    public static final String OPEN = "Open";
    public static final String CLICK = "Click";
    public static final String RENDERING_FAILURE = "Rendering Failure";
    public static final String PERMANENT = "Permanent";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What SES's message ids and event types look like; anything else must not reach a key. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z][A-Za-z ]{0,39}");

    /** Parses the event; a message that is not an SES event is refused with the reason. */
    public static SesEvent parse(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the SNS message is not JSON");
        }
        // event publishing says eventType; identity notifications say notificationType
        String type = event.path("eventType").asText(event.path("notificationType").asText(null));
        JsonNode mail = event.path("mail");
        String messageId = mail.path("messageId").asText(null);
        if (type == null || messageId == null || !EVENT_TYPE.matcher(type).matches() || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("not an SES event: no valid eventType or mail.messageId");
        }
        JsonNode detail = event.path(detailField(type));
        List<String> recipients = new ArrayList<>();
        switch (type) {
            case BOUNCE:
                detail.path("bouncedRecipients").forEach(r -> recipients.add(r.path("emailAddress").asText()));
                break;
            case COMPLAINT:
                detail.path("complainedRecipients").forEach(r -> recipients.add(r.path("emailAddress").asText()));
                break;
            case DELIVERY:
                detail.path("recipients").forEach(r -> recipients.add(r.asText()));
                break;
            default:
                mail.path("destination").forEach(r -> recipients.add(r.asText()));
        }
        Instant at = instant(detail.path("timestamp")).or(() -> instant(mail.path("timestamp"))).orElse(null);
        JsonNode tags = mail.path("tags");
        return new SesEvent(type, messageId, detail.path("bounceType").asText(null), List.copyOf(recipients), at,
                tag(tags, SesTags.ORGANISATION), tag(tags, SesTags.MAILING), tag(tags, SesTags.CONTACT));
    }

    public boolean permanentBounce() {
        return BOUNCE.equals(eventType) && PERMANENT.equals(bounceType);
    }

    /** The object holding the event's own details: {@code bounce}, {@code delivery}, ... ({@code failure} for rendering failures). */
    private static String detailField(String type) {
        if (RENDERING_FAILURE.equals(type)) {
            return "failure";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    private static String tag(JsonNode tags, String name) {
        JsonNode values = tags.path(name);
        return values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
    }

    private static Optional<Instant> instant(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
