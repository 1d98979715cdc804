package org.turnout.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.turnout.contact.Contact;
import org.turnout.mailing.MailingContent;
import org.turnout.mailing.MailingContent.RenderedMessage;
import org.turnout.sending.MailingSender;
import org.turnout.sending.Recipient;

/** The ceiling is only one if it writes what the renderer writes; and the send path measured must really send. */
class RawMessageTest {
    private static final String LINK = "https://campagne.example.org/v1/unsubscribe/eyJhbGciOiJIUzI1NiJ9.e30.sig";

    @Test
    void theRawMessageIsTheRenderedMessageByteForByteForEveryKindOfContact() {
        MailingContent content = MailingContent.of(FrenchMailing.mailing("org", "m1"));
        List<Contact> contacts = FrenchMailing.contacts("org", 200, 2026);
        assertThat(contacts).anyMatch(c -> c.firstName() == null).anyMatch(c -> c.station() == null)
                .anyMatch(c -> c.street().contains("&")).anyMatch(c -> c.street().contains("'"));
        for (Contact contact : contacts) {
            RenderedMessage rendered = content.render(contact, FrenchMailing.ORGANISATION, LINK);
            assertThat(RawMessage.of(contact, FrenchMailing.ORGANISATION, LINK)).isEqualTo(rendered);
        }
    }

    @Test
    void theMessageIsTheSizeTheIssueAsksForWithItsFieldsEscapedInHtmlOnly() {
        Contact contact = FrenchMailing.contacts("org", 200, 2026).stream()
                .filter(c -> c.street().contains("&") && c.firstName() != null && c.station() != null).findFirst().orElseThrow();
        RenderedMessage message = RawMessage.of(contact, FrenchMailing.ORGANISATION, LINK);
        assertThat(message.html().getBytes(StandardCharsets.UTF_8).length).isBetween(2_800, 3_600);
        assertThat(message.html()).contains("&amp; des Chênes").contains("n° " + contact.station()).doesNotContain("{");
        assertThat(message.text()).contains("& des Chênes").contains("Bonjour " + contact.firstName() + ",");
        assertThat(message.subject()).startsWith(contact.firstName() + ", on compte sur vous dimanche à ");
    }

    @Test
    void theSendPathSendsEachRecipientOnceWithTheCallsOfARealSend() {
        try (SendPath path = new SendPath(4)) {
            Contact contact = path.contacts.get(1);
            MailingSender.Delivery delivery = path.sender.deliver(new Recipient(SendPath.ORG, SendPath.MAILING, contact.contactId()), 1);
            assertThat(delivery).isEqualTo(MailingSender.Delivery.DONE);
            assertThat(path.aws.calls()).containsEntry("SendEmail", 1L).containsEntry("PutItem", 1L).containsKey("GetItem")
                    .containsKey("UpdateItem");
        }
    }
}
