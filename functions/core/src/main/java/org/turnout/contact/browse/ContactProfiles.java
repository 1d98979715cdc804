package org.turnout.contact.browse;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.turnout.canvass.CanvassRecord;
import org.turnout.contact.ConsentChange;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.TransientBounce;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.sending.ContactSendRecords;
import org.turnout.sending.ContactSendRecords.ContactSend;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * A contact's page: its item, its engagement and its canvass results. Reads: the contact item; the organisation's
 * mailings (one query, projected) and the contact's record of each (a BatchGetItem per hundred); its canvass
 * records, kept beside it (one query of its partition).
 */
@Singleton
public class ContactProfiles {
    /** What a contact id looks like: the hex of {@code ContactIds}; anything else names no contact. */
    private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{32}");

    private final ContactRepository contacts;
    private final MailingRepository mailings;
    private final ContactSendRecords sends;
    private final DynamoDbTable<CanvassRecord> canvass;

    public ContactProfiles(ContactRepository contacts, MailingRepository mailings, ContactSendRecords sends, TurnoutTable table) {
        this.contacts = contacts;
        this.mailings = mailings;
        this.sends = sends;
        this.canvass = table.items(CanvassRecord.SCHEMA);
    }

    /** The contact of this id in the organisation; empty when there is none (or the id cannot be one). */
    public Optional<Contact> contact(String orgId, String contactId) {
        return contactId != null && CONTACT_ID.matcher(contactId).matches() ? contacts.find(orgId, contactId) : Optional.empty();
    }

    public Optional<ContactProfile> profile(String orgId, String contactId) {
        return contact(orgId, contactId).map(contact -> new ContactProfile(contact, engagement(contact), canvassResults(contact)));
    }

    private List<ContactProfile.MailingEngagement> engagement(Contact contact) {
        List<Mailing> all = mailings.summaries(contact.orgId());
        Map<String, ContactSend> records = sends.of(contact.orgId(), contact.contactId(), all.stream().map(Mailing::mailingId).toList());
        Set<String> opened = Set.copyOf(contact.mailingsOpened() == null ? List.of() : contact.mailingsOpened());
        Set<String> clicked = Set.copyOf(contact.mailingsClicked() == null ? List.of() : contact.mailingsClicked());
        Set<String> received = Set.copyOf(contact.mailingsReceived() == null ? List.of() : contact.mailingsReceived());
        Set<String> bouncedMailings = consentChangesTo(contact, ContactStatus.BOUNCED);
        Set<String> complainedMailings = consentChangesTo(contact, ContactStatus.COMPLAINED);
        Set<String> softBounced = contact.transientBounces() == null ? Set.of()
                : contact.transientBounces().stream().map(TransientBounce::messageId).filter(Objects::nonNull).collect(Collectors.toSet());
        List<ContactProfile.MailingEngagement> rows = new ArrayList<>();
        for (Mailing mailing : all) {
            String id = mailing.mailingId();
            ContactSend send = records.get(id);
            if (send == null && !received.contains(id)) {
                continue;
            }
            rows.add(new ContactProfile.MailingEngagement(id, mailing.name(), send == null ? null : send.outcome().code(),
                    send == null ? null : send.at(), opened.contains(id), clicked.contains(id),
                    bouncedMailings.contains(id) || (send != null && softBounced.contains(send.messageId())),
                    complainedMailings.contains(id)));
        }
        rows.sort(Comparator.comparing(ContactProfile.MailingEngagement::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return rows;
    }

    /** The mailings whose feedback moved the contact to this status (a hard bounce, a complaint). */
    private static Set<String> consentChangesTo(Contact contact, ContactStatus status) {
        return contact.consentHistory() == null ? Set.of() : contact.consentHistory().stream()
                .filter(change -> status.code().equals(change.to()) && change.mailingId() != null)
                .map(ConsentChange::mailingId).collect(Collectors.toSet());
    }

    private List<CanvassRecord> canvassResults(Contact contact) {
        List<CanvassRecord> results = new ArrayList<>();
        canvass.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(Keys.contact(contact.orgId(), contact.contactId())).sortValue(Keys.canvassSk("")).build()))
                        .consistentRead(true).build())
                .items().forEach(results::add);
        results.sort(Comparator.comparing(CanvassRecord::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return results;
    }
}
