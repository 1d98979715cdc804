package org.turnout.mailing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.turnout.audit.AuditTrail;
import org.turnout.contact.Contact;
import org.turnout.contact.EmailAddress;
import org.turnout.feedback.SesTags;
import org.turnout.mail.MailAddress;
import org.turnout.mail.Mailer;
import org.turnout.mail.OutgoingEmail;
import org.turnout.organisation.Organisation;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.security.RateLimiter;
import org.turnout.suppression.SuppressionService;

/**
 * A mailing sent to a few addresses only, as a test. An address on the suppression list is refused as a send would
 * skip it; every message is rendered before any goes; the organisation's test sends are rate limited and audited.
 */
@Singleton
public record TestSends(MailingPreviews previews, Mailer mailer, SuppressionService suppressions, RateLimiter rateLimiter,
                        AuditTrail audit, int testSendsPerMinute) {
    static final int MAX_TEST_ADDRESSES = 5;

    @Inject
    public TestSends(MailingPreviews previews, Mailer mailer, SuppressionService suppressions, RateLimiter rateLimiter,
                     AuditTrail audit, MailingSettings settings) {
        this(previews, mailer, suppressions, rateLimiter, audit, settings.testSendsPerMinute());
    }

    /**
     * Sends the mailing to these addresses, as the given contact (or a contact with no fields but the address) would
     * receive it, its subject marked as a test. Answers the message ids.
     */
    public List<String> send(Organisation organisation, Mailing mailing, List<String> addresses, String contactId, String actor) {
        String orgId = organisation.id();
        if (addresses == null || addresses.isEmpty() || addresses.size() > MAX_TEST_ADDRESSES) {
            throw InvalidInputException.of("addresses", "must list 1 to " + MAX_TEST_ADDRESSES + " addresses");
        }
        FieldErrors errors = new FieldErrors();
        List<EmailAddress> valid = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            valid.add(EmailAddress.check(errors, "addresses[" + i + "]", addresses.get(i), true));
        }
        errors.throwIfAny();
        Set<EmailAddress> suppressed = suppressions.suppressedAddresses(orgId, valid);
        for (int i = 0; i < valid.size(); i++) {
            if (suppressed.contains(valid.get(i))) {
                errors.add("addresses[" + i + "]", "is on the organisation's suppression list, and gets no message, not even a test");
            }
        }
        errors.throwIfAny();
        requireVerifiedSender(mailing, organisation);
        MailingContent content = MailingContent.of(mailing);
        List<OutgoingEmail> emails = new ArrayList<>();
        for (EmailAddress address : valid) {
            Contact contact = previews.contactFor(orgId, contactId, address.value());
            MailingContent.RenderedMessage message = previews.render(organisation, mailing, content, contact);
            emails.add(new OutgoingEmail(MailAddress.withName(mailing.fromName(), mailing.fromAddress()),
                    address.value(), mailing.replyTo(), "[Test] " + message.subject(), message.html(), message.text(),
                    Map.of(SesTags.ORGANISATION, orgId, "purpose", "test"), Map.of()));
        }
        rateLimiter.acquire(orgId, "test-send", "organisation", testSendsPerMinute);
        audit.record(orgId, actor, "mailing.test", "mailing:" + mailing.mailingId(), emails.size() + (emails.size() == 1 ? " address" : " addresses"));
        return emails.stream().map(mailer::send).toList();
    }

    private static void requireVerifiedSender(Mailing mailing, Organisation organisation) {
        if (organisation.senders().stream().noneMatch(s -> s.address().equalsIgnoreCase(mailing.fromAddress()))) {
            throw InvalidInputException.of("from.address", "is no longer one of the organisation's verified senders");
        }
    }
}
