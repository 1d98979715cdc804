package org.turnout.signup;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.turnout.contact.Contact;
import org.turnout.contact.EmailAddress;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.problem.NotFoundException;
import org.turnout.security.VisitorRateLimit;
import org.turnout.suppression.SuppressionService;

/**
 * Public sign-up with double opt-in. The answer never tells whether an address was known: every
 * accepted form gets the same 202, whatever happened behind it.
 */
@Singleton
public record SignupService(OrganisationRepository organisations, SignupForms forms, VisitorRateLimit visitors,
                            SuppressionService suppressions, ConsentRequests consentRequests, int perMinutePerIp) {
    @Inject
    public SignupService(OrganisationRepository organisations, SignupForms forms, VisitorRateLimit visitors,
                         SuppressionService suppressions, ConsentRequests consentRequests, SignupSettings settings) {
        this(organisations, forms, visitors, suppressions, consentRequests, settings.signupPerMinutePerIp());
    }

    public void signUp(String orgId, SignupForm form, String clientIp) {
        Organisation organisation = openOrganisation(orgId);
        if (form.website() != null && !form.website().isBlank()) {
            return; // a robot filled the honeypot: accepted, stored nowhere
        }
        String ipHash = visitors.acquire(orgId, "signup", clientIp, perMinutePerIp);
        Contact request = forms.validate(organisation, form);
        EmailAddress address = EmailAddress.parse(request.email()).orElseThrow();
        if (!suppressions.suppressedAddresses(orgId, List.of(address)).isEmpty()) {
            return; // suppressed or erased: nothing is stored nor sent, and the answer is the same
        }
        consentRequests.record(organisation, request, ipHash);
    }

    /** The sign-up door of an organisation that takes sign-ups; empty for any other. */
    public Optional<SignupDoor> door(String orgId) {
        return organisations.find(orgId).filter(Organisation::signupOpen)
                .map(o -> new SignupDoor(o.name(), o.languageOrDefault(), o.signupOrigins(),
                        Optional.ofNullable(o.signupThankYouUrl())));
    }

    private Organisation openOrganisation(String orgId) {
        return organisations.find(orgId)
                .filter(Organisation::signupOpen)
                .orElseThrow(() -> new NotFoundException("no organisation " + orgId + " takes sign-ups"));
    }
}
