package org.turnout.contact;

import java.time.Instant;
import java.util.List;

/** What staff see of a contact through the API. */
public record ContactView(
        String id,
        String email,
        String firstName,
        String lastName,
        String postcode,
        String station,
        List<String> tags,
        String status,
        Consent consent,
        Instant createdAt,
        Instant updatedAt) {

    public record Consent(String source, String textVersion, Instant requestedAt, Instant confirmedAt) {
    }

    public static ContactView of(Contact c) {
        ConsentRecord consent = c.getConsent();
        return new ContactView(c.getContactId(), c.getEmail(), c.getFirstName(), c.getLastName(),
                c.getPostcode(), c.getStation(), List.copyOf(c.getTags()), c.getStatus(),
                consent == null ? null : new Consent(consent.getSource(), consent.getTextVersion(),
                        consent.getRequestedAt(), consent.getConfirmedAt()),
                c.getCreatedAt(), c.getUpdatedAt());
    }
}
