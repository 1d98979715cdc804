package org.turnout.signup;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.organisation.Language;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.LinkVerification;

/** The second step of the double opt-in: the link of the confirmation email, looked at, then confirmed. */
@Singleton
public record SignupConfirmation(LinkSigner links, OrganisationRepository organisations, ContactRepository contacts, MovedContactIds moved,
                                 Clock clock) {
    /**
     * What the confirmation page shows for this link; nothing changes. Mail security scanners
     * follow the links of every message: a GET that confirmed would subscribe people who never
     * clicked, and an unsubscribed address that someone else signed up again.
     */
    public ConfirmOutcome look(String token, Language fallbackLanguage) {
        return confirmable(token, fallbackLanguage, (organisation, contact) -> ConfirmOutcome.Result.READY);
    }

    /** The button of the confirmation page (a POST): the contact is subscribed. */
    public ConfirmOutcome confirm(String token, Language fallbackLanguage) {
        return confirmable(token, fallbackLanguage, (organisation, contact) -> {
            markSubscribed(contact);
            return ConfirmOutcome.Result.CONFIRMED;
        });
    }

    private ConfirmOutcome confirmable(String token, Language fallbackLanguage,
                                       BiFunction<Organisation, Contact, ConfirmOutcome.Result> action) {
        LinkVerification verification = links.verify(token, LinkClaims.CONFIRM);
        if (verification instanceof LinkVerification.Expired) {
            return new ConfirmOutcome(ConfirmOutcome.Result.EXPIRED, fallbackLanguage, null);
        }
        if (!(verification instanceof LinkVerification.Valid valid)) {
            return new ConfirmOutcome(ConfirmOutcome.Result.INVALID, fallbackLanguage, null);
        }
        LinkClaims claims = valid.claims();
        Optional<Organisation> organisation = organisations.find(claims.orgId());
        Optional<Contact> contact = contacts.find(claims.orgId(), moved.current(claims.orgId(), claims.contactId()));
        if (organisation.isEmpty() || contact.isEmpty() || contact.get().statusValue().undeliverable()) {
            return new ConfirmOutcome(ConfirmOutcome.Result.INVALID, fallbackLanguage, null);
        }
        ConfirmOutcome.Result result = action.apply(organisation.get(), contact.get());
        return new ConfirmOutcome(result, organisation.get().languageOrDefault(), organisation.get().name());
    }

    /** Idempotent: confirming twice changes nothing; a lost race re-reads and tries again. */
    private void markSubscribed(Contact contact) {
        for (int attempt = 0; attempt < 3 && contact.statusValue() != ContactStatus.SUBSCRIBED; attempt++) {
            Instant now = clock.instant();
            ConsentRecord consent = contact.consent() == null ? ConsentRecordBuilder.builder().build() : contact.consent();
            if (contacts.update(contact.with().status(ContactStatus.SUBSCRIBED.code()).consent(consent.withConfirmedAt(now)).updatedAt(now).build())
                    .isPresent()) {
                return;
            }
            contact = contacts.find(contact.orgId(), contact.contactId()).orElseThrow();
        }
    }
}
