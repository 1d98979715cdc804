package org.turnout.suppression;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.turnout.audit.AuditTrail;
import org.turnout.contact.ConsentChange;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.problem.NotFoundException;

/**
 * The organisation's suppression list, and the one answer to "may this contact be written to?"
 * that the mailing dispatcher and sender ask: not if the address is on the list, nor if the
 * contact unsubscribed, bounced, complained or was erased.
 */
@Singleton
public record SuppressionService(SuppressionRepository suppressions, ContactRepository contacts, ContactIds ids,
                                 ErasureTombstones tombstones, AuditTrail audit, Clock clock) {
    public static final String SOURCE_STAFF = "staff";
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;
    private static final Set<ContactStatus> SUPPRESSED_STATUSES = Set.of(ContactStatus.UNSUBSCRIBED, ContactStatus.BOUNCED,
            ContactStatus.COMPLAINED, ContactStatus.SUPPRESSED);
    private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{32}");

    /**
     * True when nothing may be sent to this contact: its address is on the suppression list, its
     * status is unsubscribed, bounced, complained or suppressed, or it no longer exists (erased).
     */
    public boolean isSuppressed(String orgId, String contactId) {
        return suppressed(orgId, List.of(contactId)).contains(contactId);
    }

    /** The ids among these that must not be written to (see {@link #isSuppressed}); two bulk reads. */
    public Set<String> suppressed(String orgId, Collection<String> contactIds) {
        Set<String> ids = new HashSet<>(contactIds);
        Set<String> suppressed = new HashSet<>(suppressions.suppressedIds(orgId, ids));
        Map<String, Contact> known = contacts.findAll(orgId, ids);
        for (String id : ids) {
            Contact contact = known.get(id);
            if (contact == null || SUPPRESSED_STATUSES.contains(contact.statusValue())) {
                suppressed.add(id);
            }
        }
        return suppressed;
    }

    /** The addresses among these that are on the list or were erased: what imports and sign-ups must not make mailable. */
    public Set<EmailAddress> suppressedAddresses(String orgId, Collection<EmailAddress> addresses) {
        Set<String> listed = suppressions.suppressedIds(orgId, addresses.stream().map(ids::forEmail).toList());
        Set<EmailAddress> suppressed = addresses.stream().filter(a -> listed.contains(ids.forEmail(a))).collect(Collectors.toSet());
        suppressed.addAll(tombstones.erased(orgId, addresses));
        return suppressed;
    }

    /** The addresses among these that were erased; one bulk read. */
    public Set<EmailAddress> erasedAddresses(String orgId, Collection<EmailAddress> addresses) {
        return tombstones.erased(orgId, addresses);
    }

    public SuppressionPage list(String orgId, Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw InvalidInputException.of("limit", "must be between 1 and " + MAX_PAGE);
        }
        if (cursor != null && !CONTACT_ID.matcher(cursor).matches()) {
            throw InvalidInputException.of("cursor", "is not a cursor this list gave");
        }
        return suppressions.page(orgId, size, cursor);
    }

    /** The entry of one address, if it is on the list: the list is keyed by address, so this is one read. */
    public Optional<SuppressionEntry> find(String orgId, String email) {
        FieldErrors errors = new FieldErrors();
        EmailAddress address = EmailAddress.check(errors, "email", email, true);
        errors.throwIfAny();
        return suppressions.find(orgId, ids.forEmail(address));
    }

    /** Staff adding an address; adding it again keeps the first entry. */
    public SuppressionEntry add(String orgId, SuppressionRequest request, String actor) {
        EmailAddress address = validAddress(request);
        String reason = validReason(request);
        SuppressionEntry entry = suppressions.addIfAbsent(orgId, new SuppressionEntry(ids.forEmail(address), address.value(),
                reason, SOURCE_STAFF, clock.instant(), actor));
        audit.record(orgId, actor, "suppression.add", "contact:" + ids.forEmail(address), reason);
        return entry;
    }

    /** What the feedback worker adds for a permanent bounce, a complaint or repeated transient bounces. */
    public void addFromFeedback(String orgId, String contactId, String email, String source, String reason, Instant at) {
        suppressions.addIfAbsent(orgId, new SuppressionEntry(contactId, email, reason, source, at, "ses-feedback"));
    }

    /**
     * Staff lifting a suppression: the entry goes, and so does an erasure tombstone of the address;
     * a contact that bounced (or was suppressed at import) gets back the status it had before. An
     * unsubscribe or a complaint is the person's own word and stays.
     */
    public void remove(String orgId, SuppressionRequest request, String actor) {
        EmailAddress address = validAddress(request);
        String reason = validReason(request);
        String contactId = ids.forEmail(address);
        boolean listed = suppressions.remove(orgId, contactId).isPresent();
        boolean erased = tombstones.remove(orgId, address);
        boolean restored = restoreStatus(orgId, contactId, reason);
        if (!listed && !erased && !restored) {
            throw new NotFoundException("this address is not suppressed");
        }
        audit.record(orgId, actor, "suppression.remove", "contact:" + contactId, reason);
    }

    private boolean restoreStatus(String orgId, String contactId, String reason) {
        Instant now = clock.instant();
        return contacts.modify(orgId, contactId, contact -> {
            ContactStatus status = contact.statusValue();
            if (status != ContactStatus.BOUNCED && status != ContactStatus.SUPPRESSED) {
                return Optional.empty();
            }
            ContactStatus before = statusBefore(contact, status);
            return Optional.of(ContactOptOut.record(contact.with().status(before.code()).transientBounces(null).updatedAt(now), contact,
                    ConsentChange.of(now, status, before, "suppression removed: " + reason, null)).build());
        });
    }

    /** The status before the latest change to {@code current}; imported when the history does not say. */
    private static ContactStatus statusBefore(Contact contact, ContactStatus current) {
        List<ConsentChange> history = contact.consentHistory() == null ? List.of() : contact.consentHistory();
        for (int i = history.size() - 1; i >= 0; i--) {
            ConsentChange change = history.get(i);
            if (current.code().equals(change.to()) && change.from() != null) {
                ContactStatus from = ContactStatus.of(change.from());
                return from == ContactStatus.SUPPRESSED ? ContactStatus.IMPORTED : from;
            }
        }
        return ContactStatus.IMPORTED;
    }

    private static EmailAddress validAddress(SuppressionRequest request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        EmailAddress address = EmailAddress.check(errors, "email", request.email(), true);
        errors.text("reason", request.reason(), true, 200);
        errors.throwIfAny();
        return address;
    }

    private static String validReason(SuppressionRequest request) {
        return request.reason().strip();
    }
}
