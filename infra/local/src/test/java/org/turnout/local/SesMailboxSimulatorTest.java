package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.sesv2.model.MessageHeader;

/** Emails accepted by the SES emulator become the events SES would publish for its mailbox simulator. */
@ExtendWith(SharedLocalStack.class)
class SesMailboxSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:eu-west-3:000000000000:turnout-local-SesEventsTopic";

    private final LocalAwsStack stack;
    private final SesStore store;
    private final List<JsonNode> published = new ArrayList<>();
    private final SesMailboxSimulator simulator;

    SesMailboxSimulatorTest(LocalAwsStack stack) {
        this.stack = stack;
        this.store = new SesStore(stack.emulatorEndpoint(Emulator.SES));
        this.simulator = new SesMailboxSimulator(store.readerOfNew(),
                new SesMailboxSimulator.Subscription("FeedbackFunction", TOPIC, "turnout-local-ConfigurationSet"), stack.region(),
                notification -> published.add(read(notification)), line -> { }, Duration.ofSeconds(1));
    }

    @Test
    void theTemplateNamesTheSubscriberOfTheConfigurationSetsTopic() {
        CloudFormationTemplate template = CloudFormationTemplate.load(RepositoryRoot.locate().template());
        assertThat(SesMailboxSimulator.Subscription.fromTemplate(template, stack.resources())).hasValueSatisfying(subscription -> {
            assertThat(subscription.functionLogicalId()).isEqualTo("FeedbackFunction");
            assertThat(subscription.topicArn()).startsWith("arn:aws:sns:").endsWith(stack.resources().physicalName("SesEventsTopic"));
            assertThat(subscription.configurationSet()).isEqualTo(stack.resources().physicalName("ConfigurationSet"));
        });
    }

    @Test
    void bounceAndComplaintMailboxesGetTheirEventsWithTheTagsOfTheMessagesLinkOthersNone() {
        String mailing = "m-" + UUID.randomUUID().toString().substring(0, 8);
        String contact = "0123456789abcdef0123456789abcdef";
        String unsubscribe = "<https://api.example.org/v1/unsubscribe/" + token("{\"p\":\"unsubscribe\",\"o\":\"demo\",\"c\":\""
                + contact + "\",\"m\":\"" + mailing + "\",\"exp\":9999999999}") + ">";
        // the emulator stamps a message to the second
        Instant sentFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String bounced = send("bounce+" + mailing + "@simulator.amazonses.com", unsubscribe);
        String complained = send("complaint+" + mailing + "@simulator.amazonses.com", unsubscribe);
        send("someone+" + mailing + "@example.org", unsubscribe);

        simulator.poll();

        assertThat(published).allSatisfy(notification -> {
            JsonNode sns = notification.path("Records").path(0).path("Sns");
            assertThat(notification.path("Records").path(0).path("EventSource").asText()).isEqualTo("aws:sns");
            assertThat(sns.path("Type").asText()).isEqualTo("Notification");
            assertThat(sns.path("TopicArn").asText()).isEqualTo(TOPIC);
        });
        List<JsonNode> events = published.stream().map(SesMailboxSimulatorTest::event)
                .filter(event -> event.path("mail").path("tags").path("turnout-mailing").path(0).asText().equals(mailing)).toList();
        assertThat(events).extracting(e -> e.path("eventType").asText() + " " + e.path("mail").path("messageId").asText())
                .containsExactly("Send " + bounced, "Bounce " + bounced, "Send " + complained, "Delivery " + complained,
                        "Complaint " + complained);
        JsonNode bounce = events.get(1);
        assertThat(bounce.path("bounce").path("bounceType").asText()).isEqualTo("Permanent");
        Instant sent = Instant.parse(bounce.path("mail").path("timestamp").asText());
        assertThat(sent).isAfterOrEqualTo(sentFrom);
        assertThat(Instant.parse(bounce.path("bounce").path("timestamp").asText())).isEqualTo(sent.plusSeconds(1));
        assertThat(bounce.path("bounce").path("bouncedRecipients").path(0).path("emailAddress").asText())
                .isEqualTo("bounce+" + mailing + "@simulator.amazonses.com");
        assertThat(bounce.path("mail").path("tags").path("turnout-org").path(0).asText()).isEqualTo("demo");
        assertThat(bounce.path("mail").path("tags").path("turnout-contact").path(0).asText()).isEqualTo(contact);
        assertThat(bounce.path("mail").path("tags").path("ses:configuration-set").path(0).asText()).isEqualTo("turnout-local-ConfigurationSet");
        assertThat(events.get(4).path("complaint").path("complainedRecipients").path(0).path("emailAddress").asText())
                .isEqualTo("complaint+" + mailing + "@simulator.amazonses.com");

        int before = published.size();
        simulator.poll();
        assertThat(published).as("a message makes its events once").hasSize(before);
    }

    private String send(String to, String listUnsubscribe) {
        return stack.clients().sesV2().sendEmail(b -> b.fromEmailAddress("equipe@demo.example.org")
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Réunion"))
                        .body(body -> body.text(t -> t.data("Bonjour")))
                        .headers(MessageHeader.builder().name("List-Unsubscribe").value(listUnsubscribe).build()))))
                .messageId();
    }

    /** A token shaped as Turnout's links are: only its payload matters here. */
    private static String token(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static JsonNode event(JsonNode notification) {
        return read(notification.path("Records").path(0).path("Sns").path("Message").asText());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
