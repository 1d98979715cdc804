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
        ConsentRecord consent = c.consent();
        return new ContactView(c.contactId(), c.email(), c.firstName(), c.lastName(),
                c.street(), c.postcode(), c.city(), c.station(), c.phone(), List.copyOf(c.tags()),
                c.attributes() == null ? Map.of() : Map.copyOf(c.attributes()), c.status(),
                consent == null ? null : new Consent(consent.source(), consent.textVersion(),
                        consent.requestedAt(), consent.confirmedAt()),
                c.createdAt(), c.updatedAt(),
                c.consentHistory() == null ? List.of() : c.consentHistory().stream()
                        .map(h -> new ConsentHistoryEntry(h.at(), h.from(), h.to(), h.reason(), h.mailingId())).toList(),
                c.lastOpenedAt(), c.lastClickedAt());
    }
}
