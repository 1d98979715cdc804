package org.turnout.signup;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.Tags;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.organisation.Language;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.NotFoundException;
import org.turnout.security.IpHasher;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.LinkVerification;
import org.turnout.security.RateLimiter;
import org.turnout.suppression.SuppressionService;

/**
 * Public sign-up with double opt-in. The answer never tells whether an address was known: every
 * accepted form gets the same 202, whatever happened behind it.
 */
@ApplicationScoped
public class SignupService {
    public static final String SOURCE_PREFIX = "signup-form";
    static final Pattern POSTCODE = Pattern.compile("[\\p{Alnum} -]{2,10}");
    static final Pattern STATION = Pattern.compile("[\\p{L}\\p{N}_.-]{1,30}");
    static final int MAX_TAGS = 20;
    private static final Logger LOG = Logger.getLogger(SignupService.class);

    private final OrganisationRepository organisations;
    private final ContactRepository contacts;
    private final ContactIds ids;
    private final MovedContactIds moved;
    private final RateLimiter rateLimiter;
    private final IpHasher ipHasher;
    private final LinkSigner links;
    private final ConfirmationMail confirmationMail;
    private final SuppressionService suppressions;
    private final Clock clock;
    private final int perMinutePerIp;
    private final Duration resendInterval;

    public SignupService(OrganisationRepository organisations, ContactRepository contacts, ContactIds ids,
                         MovedContactIds moved, RateLimiter rateLimiter,
                         IpHasher ipHasher, LinkSigner links, ConfirmationMail confirmationMail,
                         SuppressionService suppressions, Clock clock,
                         @ConfigProperty(name = "turnout.signup-per-minute-per-ip", defaultValue = "5") int perMinutePerIp,
                         @ConfigProperty(name = "turnout.signup-resend-interval", defaultValue = "PT10M") Duration resendInterval) {
        this.organisations = organisations;
        this.contacts = contacts;
        this.ids = ids;
        this.moved = moved;
        this.rateLimiter = rateLimiter;
        this.ipHasher = ipHasher;
        this.links = links;
        this.confirmationMail = confirmationMail;
        this.suppressions = suppressions;
        this.clock = clock;
        this.perMinutePerIp = perMinutePerIp;
        this.resendInterval = resendInterval;
    }

    public void signUp(String orgId, SignupForm form, String clientIp) {
        Organisation organisation = openOrganisation(orgId);
        if (form.website() != null && !form.website().isBlank()) {
            return; // a robot filled the honeypot: accepted, stored nowhere
        }
        String ipHash = ipHasher.hash(clientIp);
        rateLimiter.acquire(orgId, "signup", ipHash, perMinutePerIp);
        Contact request = validate(organisation, form);
        EmailAddress address = EmailAddress.parse(request.getEmail()).orElseThrow();
        if (!suppressions.suppressedAddresses(orgId, List.of(address)).isEmpty()) {
            return; // suppressed or erased: nothing is stored nor sent, and the answer is the same
        }

        Instant now = clock.instant();
        ConsentRecord consent = request.getConsent().toBuilder().ipHash(ipHash).requestedAt(now).build();
        Contact requested = request.toBuilder().consent(consent).build();

        Optional<Contact> existing = contacts.find(orgId, requested.getContactId());
        if (existing.isEmpty()) {
            Optional<Contact> created = contacts.createIfAbsent(requested.toBuilder()
                    .status(ContactStatus.PENDING).createdAt(now).updatedAt(now).confirmationSentAt(now).build());
            if (created.isPresent()) {
                sendConfirmation(organisation, created.get(), null);
                return;
            }
            existing = contacts.find(orgId, requested.getContactId()); // created meanwhile by another request
        }
        existing.ifPresent(contact -> signUpAgain(organisation, contact, requested, now));
    }

    /**
     * A known address signs up again. Subscribed: nothing changes, nothing is sent. Bounced or
     * complained: nothing is sent to it ever. Otherwise the new consent request is recorded, empty
     * fields are filled, and the confirmation goes out again at most once per resend interval.
     */
    private void signUpAgain(Organisation organisation, Contact contact, Contact request, Instant now) {
        ContactStatus status = contact.statusValue();
        if (status == ContactStatus.SUBSCRIBED || status.undeliverable()) {
            return;
        }
        Instant previousSend = contact.getConfirmationSentAt();
        if (previousSend != null && previousSend.plus(resendInterval).isAfter(now)) {
            return;
        }
        ConsentRecord consent = request.getConsent();
        if (contact.getConsent() != null) {
            consent = consent.withConfirmedAt(contact.getConsent().getConfirmedAt());
        }
        Contact claimed = fillEmpty(contact.toBuilder(), contact, request).consent(consent).confirmationSentAt(now).updatedAt(now).build();
        // the versioned write is the claim: one resend per interval
        contacts.update(claimed).ifPresent(stored -> sendConfirmation(organisation, stored, previousSend));
    }

    private void sendConfirmation(Organisation organisation, Contact contact, Instant previousSend) {
        try {
            confirmationMail.send(organisation, contact);
        } catch (RuntimeException e) {
            // give the claim back, so that the visitor can try again at once
            if (contacts.update(contact.toBuilder().confirmationSentAt(previousSend).build()).isEmpty()) {
                LOG.warnf("confirmation for contact %s of %s failed and its claim could not be released", contact.getContactId(), organisation.getId());
            }
            throw e;
        }
    }

    /**
     * What the confirmation page shows for this link; nothing changes. Mail security scanners
     * follow the links of every message: a GET that confirmed would subscribe people who never
     * clicked, and an unsubscribed address that someone else signed up again.
     */
    public ConfirmOutcome look(String token, Language fallbackLanguage) {
        return confirmable(token, fallbackLanguage, (organisation, contact) -> ConfirmOutcome.Result.READY);
    }

    /** The button of the confirmation page (a POST): the contact is subscribed. */
    public ConfirmOutcome confirm(String token, Language fallbackLanguage) {
        return confirmable(token, fallbackLanguage, (organisation, contact) -> {
            markSubscribed(contact);
            return ConfirmOutcome.Result.CONFIRMED;
        });
    }

    private ConfirmOutcome confirmable(String token, Language fallbackLanguage,
                                       BiFunction<Organisation, Contact, ConfirmOutcome.Result> action) {
        LinkVerification verification = links.verify(token, LinkClaims.CONFIRM);
        if (verification instanceof LinkVerification.Expired) {
            return new ConfirmOutcome(ConfirmOutcome.Result.EXPIRED, fallbackLanguage, null);
        }
        if (!(verification instanceof LinkVerification.Valid valid)) {
            return new ConfirmOutcome(ConfirmOutcome.Result.INVALID, fallbackLanguage, null);
        }
        LinkClaims claims = valid.claims();
        Optional<Organisation> organisation = organisations.find(claims.orgId());
        Optional<Contact> contact = contacts.find(claims.orgId(), moved.current(claims.orgId(), claims.contactId()));
        if (organisation.isEmpty() || contact.isEmpty() || contact.get().statusValue().undeliverable()) {
            return new ConfirmOutcome(ConfirmOutcome.Result.INVALID, fallbackLanguage, null);
        }
        ConfirmOutcome.Result result = action.apply(organisation.get(), contact.get());
        return new ConfirmOutcome(result, organisation.get().languageOrDefault(), organisation.get().getName());
    }

    /** Idempotent: confirming twice changes nothing; a lost race re-reads and tries again. */
    private void markSubscribed(Contact contact) {
        for (int attempt = 0; attempt < 3 && contact.statusValue() != ContactStatus.SUBSCRIBED; attempt++) {
            Instant now = clock.instant();
            ConsentRecord consent = contact.getConsent() == null ? ConsentRecord.builder().build() : contact.getConsent();
            if (contacts.update(contact.toBuilder().status(ContactStatus.SUBSCRIBED).consent(consent.withConfirmedAt(now)).updatedAt(now).build())
                    .isPresent()) {
                return;
            }
            contact = contacts.find(contact.getOrgId(), contact.getContactId()).orElseThrow();
        }
    }

    /** The sign-up door of an organisation that takes sign-ups; empty for any other. */
    public Optional<SignupDoor> door(String orgId) {
        return organisations.find(orgId).filter(Organisation::signupOpen)
                .map(o -> new SignupDoor(o.getName(), o.languageOrDefault(), o.getSignupOrigins(),
                        Optional.ofNullable(o.getSignupThankYouUrl())));
    }

    private Organisation openOrganisation(String orgId) {
        return organisations.find(orgId)
                .filter(Organisation::signupOpen)
                .orElseThrow(() -> new NotFoundException("no organisation " + orgId + " takes sign-ups"));
    }

    /** Every rule of a valid form; all invalid fields are reported at once. */
    private Contact validate(Organisation organisation, SignupForm form) {
        FieldErrors errors = new FieldErrors();
        Contact.Builder contact = Contact.builder().orgId(organisation.getId());
        EmailAddress address = EmailAddress.check(errors, "email", form.email(), true);
        if (address != null) {
            contact.email(address.value());
            contact.contactId(ids.forEmail(address));
        }
        contact.firstName(errors.text("firstName", form.firstName(), false, 100));
        contact.lastName(errors.text("lastName", form.lastName(), false, 100));
        String postcode = errors.text("postcode", form.postcode(), false, 10);
        if (postcode != null && !POSTCODE.matcher(postcode).matches()) {
            errors.add("postcode", "must be 2 to 10 letters, digits, spaces or '-'");
        }
        contact.postcode(postcode);
        String station = errors.text("station", form.station(), false, 30);
        if (station != null && !STATION.matcher(station).matches()) {
            errors.add("station", "must be 1 to 30 letters, digits, '_', '.' or '-'");
        }
        contact.station(station);
        List<String> tags = form.tags() == null ? List.of() : form.tags();
        if (tags.size() > MAX_TAGS) {
            errors.add("tags", "at most " + MAX_TAGS + " tags");
        }
        // compared in their one spelling: "Bénévole" is the allowed tag "bénévole" (and allowed
        // tags stored before they were normalised still count)
        Set<String> allowed = new HashSet<>(Tags.normaliseAll(organisation.getAllowedTags()));
        LinkedHashSet<String> accepted = new LinkedHashSet<>();
        for (int i = 0; i < tags.size() && i < MAX_TAGS; i++) {
            String tag = Tags.normalise(tags.get(i));
            if (tag == null || !allowed.contains(tag)) {
                errors.add("tags[" + i + "]", "is not one of the organisation's sign-up tags");
            } else {
                accepted.add(tag);
            }
        }
        contact.tags(new ArrayList<>(accepted));
        String textVersion = errors.text("consentVersion", form.consentVersion(), true, 40);
        String source = errors.text("source", form.source(), false, 100);
        contact.consent(ConsentRecord.builder()
                .textVersion(textVersion)
                .source(source == null ? SOURCE_PREFIX : SOURCE_PREFIX + ":" + source)
                .build());
        errors.throwIfAny();
        return contact.build();
    }

    private static Contact.Builder fillEmpty(Contact.Builder filled, Contact contact, Contact request) {
        if (contact.getFirstName() == null) {
            filled.firstName(request.getFirstName());
        }
        if (contact.getLastName() == null) {
            filled.lastName(request.getLastName());
        }
        if (contact.getPostcode() == null) {
            filled.postcode(request.getPostcode());
        }
        if (contact.getStation() == null) {
            filled.station(request.getStation());
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(Tags.normaliseAll(contact.getTags()));
        tags.addAll(request.getTags());
        return filled.tags(new ArrayList<>(tags));
    }
}
