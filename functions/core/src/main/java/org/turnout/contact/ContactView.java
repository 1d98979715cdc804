package org.turnout.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What staff see of a contact through the API. */
public record ContactView(
        String id,
        String email,
        String firstName,
        String lastName,
        String street,
        String postcode,
        String city,
        String station,
        String phone,
        List<String> tags,
        Map<String, String> attributes,
        String status,
        Consent consent,
        Instant createdAt,
        Instant updatedAt,
        List<ConsentHistoryEntry> consentHistory,
        Instant lastOpenedAt,
        Instant lastClickedAt) {

    public record Consent(String source, String textVersion, Instant requestedAt, Instant confirmedAt) {
    }

    /** A change of consent status: unsubscribe link, bounce, complaint, staff lifting a suppression. */
    public record ConsentHistoryEntry(Instant at, String from, String to, String reason, String mailingId) {
    }

    public static ContactView of(Contact c) {
        ConsentRecord consent = c.getConsent();
        return new ContactView(c.getContactId(), c.getEmail(), c.getFirstName(), c.getLastName(),
                c.getStreet(), c.getPostcode(), c.getCity(), c.getStation(), c.getPhone(), List.copyOf(c.getTags()),
                c.getAttributes() == null ? Map.of() : Map.copyOf(c.getAttributes()), c.getStatus(),
                consent == null ? null : new Consent(consent.getSource(), consent.getTextVersion(),
                        consent.getRequestedAt(), consent.getConfirmedAt()),
                c.getCreatedAt(), c.getUpdatedAt(),
                c.getConsentHistory() == null ? List.of() : c.getConsentHistory().stream()
                        .map(h -> new ConsentHistoryEntry(h.getAt(), h.getFrom(), h.getTo(), h.getReason(), h.getMailingId())).toList(),
                c.getLastOpenedAt(), c.getLastClickedAt());
    }
}
