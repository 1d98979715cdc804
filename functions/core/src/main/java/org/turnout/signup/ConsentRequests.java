package org.turnout.signup;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.Tags;
import org.turnout.organisation.Organisation;

/**
 * A sign-up's request for consent: the contact stored as pending (or its request renewed) and the confirmation email
 * sent, at most once per resend interval, the versioned write of the contact being the claim on that email.
 */
@Singleton
public record ConsentRequests(ContactRepository contacts, ConfirmationMail confirmationMail, Clock clock, Duration resendInterval) {
    private static final Logger LOG = Logger.getLogger(ConsentRequests.class);

    @Inject
    public ConsentRequests(ContactRepository contacts, ConfirmationMail confirmationMail, Clock clock, SignupSettings settings) {
        this(contacts, confirmationMail, clock, settings.signupResendInterval());
    }

    /** Records the request of a valid form (from {@link SignupForms}) made from the IP address of this hash. */
    public void record(Organisation organisation, Contact request, String ipHash) {
        Instant now = clock.instant();
        ConsentRecord consent = request.consent().with().ipHash(ipHash).requestedAt(now).build();
        Contact requested = request.with().consent(consent).build();

        String orgId = organisation.id();
        Optional<Contact> existing = contacts.find(orgId, requested.contactId());
        if (existing.isEmpty()) {
            Optional<Contact> created = contacts.createIfAbsent(requested.with()
                    .status(ContactStatus.PENDING.code()).createdAt(now).updatedAt(now).confirmationSentAt(now).build());
            if (created.isPresent()) {
                sendConfirmation(organisation, created.get(), null);
                return;
            }
            existing = contacts.find(orgId, requested.contactId()); // created meanwhile by another request
        }
        existing.ifPresent(contact -> renew(organisation, contact, requested, now));
    }

    /**
     * A known address signs up again. Subscribed: nothing changes, nothing is sent. Bounced or
     * complained: nothing is sent to it ever. Otherwise the new consent request is recorded, empty
     * fields are filled, and the confirmation goes out again at most once per resend interval.
     */
    private void renew(Organisation organisation, Contact contact, Contact request, Instant now) {
        ContactStatus status = contact.statusValue();
        if (status == ContactStatus.SUBSCRIBED || status.undeliverable()) {
            return;
        }
        Instant previousSend = contact.confirmationSentAt();
        if (previousSend != null && previousSend.plus(resendInterval).isAfter(now)) {
            return;
        }
        ConsentRecord consent = request.consent();
        if (contact.consent() != null) {
            consent = consent.withConfirmedAt(contact.consent().confirmedAt());
        }
        Contact claimed = fillEmpty(contact.with(), contact, request).consent(consent).confirmationSentAt(now).updatedAt(now).build();
        // the versioned write is the claim: one resend per interval
        contacts.update(claimed).ifPresent(stored -> sendConfirmation(organisation, stored, previousSend));
    }

    private void sendConfirmation(Organisation organisation, Contact contact, Instant previousSend) {
        try {
            confirmationMail.send(organisation, contact);
        } catch (RuntimeException e) {
            // give the claim back, so that the visitor can try again at once
            if (contacts.update(contact.with().confirmationSentAt(previousSend).build()).isEmpty()) {
                LOG.warnf("confirmation for contact %s of %s failed and its claim could not be released", contact.contactId(), organisation.id());
            }
            throw e;
        }
    }

    private static ContactBuilder fillEmpty(ContactBuilder filled, Contact contact, Contact request) {
        if (contact.firstName() == null) {
            filled.firstName(request.firstName());
        }
        if (contact.lastName() == null) {
            filled.lastName(request.lastName());
        }
        if (contact.postcode() == null) {
            filled.postcode(request.postcode());
        }
        if (contact.station() == null) {
            filled.station(request.station());
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(Tags.normaliseAll(contact.tags()));
        tags.addAll(request.tags());
        return filled.tags(new ArrayList<>(tags));
    }
}
