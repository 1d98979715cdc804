package org.turnout.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What SES does after it accepted a message to its mailbox simulator ({@code success@},
 * {@code bounce@}, {@code ooto@}, {@code complaint@}, {@code suppressionlist@simulator.amazonses.com}):
 * the events the configuration set publishes, here handed to the function subscribed to its SNS
 * topic, in the JSON SNS delivers. The SES emulator keeps no message tags (it checks
 * {@code EmailTags} and drops them), so the tags are read back from the message's signed link
 * (unsubscribe or confirm): the organisation, contact and mailing a Turnout link is bound to are
 * in its payload, readable without its key.
 */
public final class SesMailboxSimulator implements AutoCloseable {

    public static final String SIMULATOR_DOMAIN = "simulator.amazonses.com";
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private static final Pattern LINK_TOKEN = Pattern.compile("/v1/(?:unsubscribe|confirm)/([A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The function subscribed (SAM {@code Events} of {@code Type: SNS}) to the topic that a configuration set
     * publishes its events to ({@code AWS::SES::ConfigurationSetEventDestination} with an {@code SnsDestination}).
     */
    public record Subscription(String functionLogicalId, String topicArn, String configurationSet) {

        public static Optional<Subscription> fromTemplate(CloudFormationTemplate template, Provisioned provisioned) {
            for (CloudFormationTemplate.Resource destination : template.resourcesOfType("AWS::SES::ConfigurationSetEventDestination")) {
                Map<String, Object> properties = destination.properties();
                Object topic = path(properties, "EventDestination", "SnsDestination", "TopicARN");
                Object configurationSet = properties.get("ConfigurationSetName");
                if (!(topic instanceof Map<?, ?> topicRef) || !(topicRef.get("Ref") instanceof String topicId)) {
                    continue;
                }
                for (CloudFormationTemplate.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
                    Object events = function.properties().get("Events");
                    if (!(events instanceof Map<?, ?> byName)) {
                        continue;
                    }
                    for (Object event : byName.values()) {
                        if (event instanceof Map<?, ?> e && "SNS".equals(e.get("Type"))
                                && topic.equals(path(e, "Properties", "Topic"))) {
                            String setName = configurationSet instanceof Map<?, ?> setRef && setRef.get("Ref") instanceof String setId
                                    ? provisioned.physicalName(setId) : String.valueOf(configurationSet);
                            return Optional.of(new Subscription(function.logicalId(), provisioned.ref(topicId), setName));
                        }
                    }
                }
            }
            return Optional.empty();
        }

        private static Object path(Map<?, ?> map, String... keys) {
            Object value = map;
            for (String key : keys) {
                value = value instanceof Map<?, ?> m ? m.get(key) : null;
            }
            return value;
        }
    }

    private final Supplier<List<JsonNode>> sentEmails;
    private final Subscription subscription;
    private final String region;
    private final Consumer<String> publish;
    private final Consumer<String> log;
    private final Duration pollInterval;
    private final Set<String> seen = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ses-mailbox-simulator");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param sentEmails what the SES emulator accepted ({@code GET /store}): all of it on the first call, then at
     *                   least what it accepted since the call before
     * @param publish    hands one SNS notification (JSON) to the subscribed function
     */
    public SesMailboxSimulator(Supplier<List<JsonNode>> sentEmails, Subscription subscription, String region,
                               Consumer<String> publish, Consumer<String> log, Duration pollInterval) {
        this.sentEmails = sentEmails;
        this.subscription = subscription;
        this.region = region;
        this.publish = publish;
        this.log = log;
        this.pollInterval = pollInterval;
    }

    static SesMailboxSimulator onEmulator(LocalAwsStack stack, Subscription subscription, Consumer<String> publish,
                                          Consumer<String> log) {
        SesStore store = new SesStore(stack.emulatorEndpoint(Emulator.SES));
        return new SesMailboxSimulator(store.readerOfNew(), subscription, stack.region(), publish, log, POLL_INTERVAL);
    }

    /** Starts watching; messages the emulator held before are not new, and make no events. */
    public SesMailboxSimulator start() {
        sentEmails.get().forEach(email -> seen.add(email.path("messageId").asText()));
        poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.accept("reading the SES emulator's store failed: " + LogText.escape(e.getMessage()));
        }
    }

    /** Publishes the events of every message accepted since the last poll. */
    void poll() {
        for (JsonNode email : sentEmails.get()) {
            String messageId = email.path("messageId").asText();
            if (!seen.add(messageId)) {
                continue;
            }
            for (String recipient : recipients(email)) {
                String local = simulatorMailbox(recipient);
                if (local == null) {
                    continue;
                }
                for (ObjectNode event : events(local, email, recipient)) {
                    publish.accept(notification(event));
                    log.accept(event.path("eventType").asText() + " for message " + messageId + " to "
                            + LogText.escape(recipient) + " -> " + subscription.functionLogicalId());
                }
            }
        }
    }

    /** The simulator mailbox (its local part without a +label), or null for an address elsewhere. */
    private static String simulatorMailbox(String recipient) {
        String address = recipient.contains("<") ? recipient.substring(recipient.indexOf('<') + 1, recipient.lastIndexOf('>')) : recipient;
        int at = address.lastIndexOf('@');
        if (at < 0 || !address.substring(at + 1).equalsIgnoreCase(SIMULATOR_DOMAIN)) {
            return null;
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    /** What SES publishes for a message to this simulator mailbox, in the order it would. */
    List<ObjectNode> events(String mailbox, JsonNode email, String recipient) {
        // the SES emulator stamps an email with the seconds since the epoch
        Instant sent = Instant.ofEpochSecond(email.path("at").asLong(Instant.now().getEpochSecond()));
        List<ObjectNode> events = new ArrayList<>();
        events.add(event("Send", email, recipient, sent));
        switch (mailbox) {
            case "bounce":
                events.add(bounce(email, recipient, sent.plusSeconds(1), "General", "5.1.1", "smtp; 550 5.1.1 user unknown"));
                break;
            case "suppressionlist":
                events.add(bounce(email, recipient, sent.plusSeconds(1), "OnAccountSuppressionList", "5.1.1",
                        "Amazon SES has suppressed sending to this address because it is on the account-level suppression list."));
                break;
            case "complaint":
                events.add(delivery(email, recipient, sent.plusSeconds(1)));
                ObjectNode complaint = event("Complaint", email, recipient, sent.plusSeconds(2));
                ObjectNode detail = complaint.putObject("complaint");
                detail.putArray("complainedRecipients").addObject().put("emailAddress", recipient);
                detail.put("timestamp", sent.plusSeconds(2).toString());
                detail.put("feedbackId", UUID.randomUUID().toString());
                detail.put("userAgent", "Amazon SES Mailbox Simulator");
                detail.put("complaintFeedbackType", "abuse");
                detail.put("arrivalDate", sent.plusSeconds(1).toString());
                events.add(complaint);
                break;
            default: // success, ooto (an automatic reply, but delivered) and any other mailbox
                events.add(delivery(email, recipient, sent.plusSeconds(1)));
        }
        return events;
    }

    private ObjectNode delivery(JsonNode email, String recipient, Instant at) {
        ObjectNode event = event("Delivery", email, recipient, at);
        ObjectNode detail = event.putObject("delivery");
        detail.put("timestamp", at.toString());
        detail.put("processingTimeMillis", 1000);
        detail.putArray("recipients").add(recipient);
        detail.put("smtpResponse", "250 2.6.0 Message received");
        detail.put("reportingMTA", "local.simulator.amazonses.com");
        return event;
    }

    private ObjectNode bounce(JsonNode email, String recipient, Instant at, String subType, String status, String diagnostic) {
        ObjectNode event = event("Bounce", email, recipient, at);
        ObjectNode detail = event.putObject("bounce");
        detail.put("bounceType", "Permanent");
        detail.put("bounceSubType", subType);
        ObjectNode bounced = detail.putArray("bouncedRecipients").addObject();
        bounced.put("emailAddress", recipient);
        bounced.put("action", "failed");
        bounced.put("status", status);
        bounced.put("diagnosticCode", diagnostic);
        detail.put("timestamp", at.toString());
        detail.put("feedbackId", UUID.randomUUID().toString());
        detail.put("reportingMTA", "dsn; local.simulator.amazonses.com");
        return event;
    }

    /** The event's common part: its type and the {@code mail} object, with the message's tags. */
    private ObjectNode event(String type, JsonNode email, String recipient, Instant sent) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", type);
        ObjectNode mail = event.putObject("mail");
        mail.put("timestamp", Instant.ofEpochSecond(email.path("at").asLong(sent.getEpochSecond())).toString());
        mail.put("source", email.path("from").asText());
        mail.put("sendingAccountId", LocalAwsStack.ACCOUNT_ID);
        mail.put("messageId", email.path("messageId").asText());
        mail.putArray("destination").add(recipient);
        mail.put("headersTruncated", false);
        ArrayNode headers = mail.putArray("headers");
        email.path("headers").forEach(header -> headers.addObject().put("name", header.path("name").asText())
                .put("value", header.path("value").asText()));
        ObjectNode common = mail.putObject("commonHeaders");
        common.putArray("from").add(email.path("from").asText());
        common.putArray("to").add(recipient);
        common.put("messageId", email.path("messageId").asText());
        common.put("subject", email.path("subject").asText());
        ObjectNode tags = mail.putObject("tags");
        tags.putArray("ses:configuration-set").add(subscription.configurationSet());
        tags.putArray("ses:caller-identity").add("local");
        linkClaims(email).forEach((tag, value) -> tags.putArray(tag).add(value));
        return event;
    }

    /** The message's tags as the sender set them, read from the payload of its signed link. */
    static Map<String, String> linkClaims(JsonNode email) {
        StringBuilder text = new StringBuilder();
        email.path("headers").forEach(header -> text.append(header.path("value").asText()).append('\n'));
        text.append(email.path("body").path("text").asText()).append('\n').append(email.path("body").path("html").asText());
        Matcher link = LINK_TOKEN.matcher(text);
        Map<String, String> tags = new LinkedHashMap<>();
        if (!link.find()) {
            return tags;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(link.group(2)), StandardCharsets.UTF_8));
            putIfText(tags, "turnout-org", claims.path("o"));
            putIfText(tags, "turnout-contact", claims.path("c"));
            putIfText(tags, "turnout-mailing", claims.path("m"));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // not one of our links: the message gets no tags, as a message sent without them
        }
        return tags;
    }

    private static void putIfText(Map<String, String> tags, String tag, JsonNode value) {
        if (value.isTextual()) {
            tags.put(tag, value.asText());
        }
    }

    /** The SNS envelope Lambda receives from a topic subscription, around one SES event. */
    private String notification(ObjectNode event) {
        ObjectNode notification = JSON.createObjectNode();
        ObjectNode record = notification.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        String subscriptionArn = subscription.topicArn() + ":" + UUID.nameUUIDFromBytes(subscription.functionLogicalId().getBytes(StandardCharsets.UTF_8));
        record.put("EventSubscriptionArn", subscriptionArn);
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", UUID.randomUUID().toString());
        sns.put("TopicArn", subscription.topicArn());
        sns.putNull("Subject");
        try {
            sns.put("Message", JSON.writeValueAsString(event));
            sns.put("Timestamp", Instant.now().toString());
            sns.put("SignatureVersion", "1");
            sns.put("Signature", "LOCAL");
            sns.put("SigningCertUrl", "https://sns." + region + ".amazonaws.com/local.pem");
            sns.put("UnsubscribeUrl", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
            sns.putObject("MessageAttributes");
            return JSON.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event built as JSON cannot be written", e);
        }
    }

    private static List<String> recipients(JsonNode email) {
        List<String> recipients = new ArrayList<>();
        for (String field : List.of("to", "cc", "bcc")) {
            email.path("destination").path(field).forEach(address -> recipients.add(address.asText()));
        }
        return recipients;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
