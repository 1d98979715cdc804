package org.turnout.workers.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.mailing.MailingDraft;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingService;
import org.turnout.mailing.MailingView;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.organisation.Sender;
import org.turnout.segment.SegmentDefinition;
import org.turnout.segment.SegmentService;
import org.turnout.testing.LocalStackResource;

/** What every sending test starts from: an organisation of its own, its contacts, and a mailing due now. */
@ApplicationScoped
class SendingFixtures {
    static final ContactIds IDS = new ContactIds(LocalStackResource.CONTACT_ID_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrganisationRepository organisations;
    private final ContactRepository contacts;
    private final SegmentService segments;
    private final MailingService mailingService;
    private final MailingRepository mailings;

    SendingFixtures(OrganisationRepository organisations, ContactRepository contacts, SegmentService segments,
                    MailingService mailingService, MailingRepository mailings) {
        this.organisations = organisations;
        this.contacts = contacts;
        this.segments = segments;
        this.mailingService = mailingService;
        this.mailings = mailings;
    }

    /** A new organisation named after {@code prefix}, sending as equipe@&lt;its id&gt;.example.org at that rate. */
    String organisation(String prefix, int sendRatePerSecond) {
        String org = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        organisations.create(OrganisationBuilder.builder()
                .id(org)
                .name("Campagne " + org)
                .timeZone("Europe/Paris")
                .senders(new ArrayList<>(List.of(new Sender("Équipe", "equipe@" + org + ".example.org"))))
                .sendRatePerSecond(sendRatePerSecond)
                .build());
        return org;
    }

    Contact contact(String org, String email, String firstName, ContactStatus status, String tag) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(address))
                .email(address.value())
                .firstName(firstName)
                .status(status.code())
                .tags(new ArrayList<>(List.of(tag)))
                .createdAt(Instant.now())
                .build();
        contacts.createIfAbsent(contact);
        return contact;
    }

    /** A mailing to the "benevole" tag, scheduled, then made due now (as time passing would). */
    String dueMailing(String org, String subject, String html) {
        SegmentDefinition segment = segments.create(org, new SegmentDefinition(null, "Bénévoles",
                JSON.valueToTree(Map.of("field", "tags", "op", "hasAny", "values", List.of("benevole"))), false, null, null, null));
        MailingView draft = mailingService.create(org, new MailingDraft("Nouvelles", new MailingDraft.From(null, "equipe@" + org + ".example.org"),
                null, subject, html, "Bonjour {first_name ?: 'ami'}", segment.id(), null, null));
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        mailings.schedule(org, draft.id(), due, Instant.now());
        return draft.id();
    }
}
