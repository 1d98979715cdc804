package org.turnout.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SesEventTest {

    @Test
    void readsTypeMessageRecipientsTimeAndTurnoutTags() {
        SesEvent event = SesEvent.parse("""
                {"eventType":"Bounce","mail":{"timestamp":"2026-11-28T09:00:00.000Z","messageId":"0102-abc_1.2",
                  "destination":["x@example.org"],
                  "tags":{"ses:configuration-set":["set"],"turnout-org":["demo"],"turnout-mailing":["m-1"],"turnout-contact":["0123456789abcdef0123456789abcdef"]}},
                 "bounce":{"bounceType":"Transient","timestamp":"2026-11-28T09:00:02.000Z",
                  "bouncedRecipients":[{"emailAddress":"a@example.org"},{"emailAddress":"b@example.org"}]}}""");
        assertThat(event.eventType()).isEqualTo("Bounce");
        assertThat(event.messageId()).isEqualTo("0102-abc_1.2");
        assertThat(event.recipients()).containsExactly("a@example.org", "b@example.org");
        assertThat(event.at()).isEqualTo(Instant.parse("2026-11-28T09:00:02Z"));
        assertThat(event.permanentBounce()).isFalse();
        assertThat(event.organisationTag()).isEqualTo("demo");
        assertThat(event.mailingTag()).isEqualTo("m-1");
        assertThat(event.contactTag()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void aRenderingFailureTakesItsTimeFromTheMailAndItsRecipientFromTheDestination() {
        SesEvent event = SesEvent.parse("""
                {"eventType":"Rendering Failure","mail":{"timestamp":"2026-11-28T09:00:00.000Z","messageId":"m1","destination":["x@example.org"],"tags":{}},
                 "failure":{"errorMessage":"no attribute","templateName":"T"}}""");
        assertThat(event.recipients()).containsExactly("x@example.org");
        assertThat(event.at()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(event.organisationTag()).isNull();
    }

    @Test
    void whatIsNotAnSesEventOrWouldPutStrangeTextInAKeyIsRefused() {
        assertThatThrownBy(() -> SesEvent.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SesEvent.parse("{\"eventType\":\"Open\",\"mail\":{}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SesEvent.parse("{\"eventType\":\"Open\",\"mail\":{\"messageId\":\"a#b\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SesEvent.parse("{\"eventType\":\"Open#X\",\"mail\":{\"messageId\":\"ab\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
