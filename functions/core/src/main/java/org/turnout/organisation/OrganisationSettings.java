package org.turnout.organisation;

import java.util.List;

/**
 * What an operator sets for an organisation; also what the API shows of it.
 *
 * @param version the version read, for an update's optimistic check; ignored on creation
 */
public record OrganisationSettings(
        String id,
        String name,
        String language,
        String timeZone,
        List<SenderIdentity> senders,
        Integer sendRatePerSecond,
        Boolean publicSignup,
        List<String> allowedTags,
        Long version) {

    public record SenderIdentity(String name, String address) {
    }
}
