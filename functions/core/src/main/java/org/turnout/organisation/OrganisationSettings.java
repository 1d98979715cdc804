package org.turnout.organisation;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * What an operator sets for an organisation; also what the API shows of it.
 *
 * @param signupOrigins     the origins ({@code https://host[:port]}) of the campaign sites whose pages may call
 *                          the sign-up door from a script (CORS); no other origin gets CORS headers
 * @param signupThankYouUrl where a plain HTML sign-up form sends the visitor (303); none: a thank-you page of ours
 * @param consentText       the consent text shown beside its sign-up forms; none: the default text of its language
 *                          ({@code SignupConsent}); given with {@code consentVersion}, which names it in consent records
 * @param consentVersion    the version of {@code consentText}, as sign-up forms send it ({@code consentVersion})
 * @param version the version read, for an update's optimistic check; ignored on creation
 */
@RecordBuilder
public record OrganisationSettings(
        String id,
        String name,
        String language,
        String timeZone,
        List<SenderIdentity> senders,
        Integer sendRatePerSecond,
        Boolean publicSignup,
        List<String> allowedTags,
        List<String> signupOrigins,
        String signupThankYouUrl,
        String consentText,
        String consentVersion,
        Long version) implements OrganisationSettingsBuilder.With {

    public record SenderIdentity(String name, String address) {
    }
}
