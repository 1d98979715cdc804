package org.turnout.organisation;

import jakarta.inject.Singleton;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.turnout.audit.AuditTrail;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.Tags;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.NotFoundException;

/** Creates, updates and reads organisations: the rules of what a valid organisation is. */
@Singleton
public record OrganisationService(OrganisationRepository organisations, AuditTrail audit, Clock clock) {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    static final int DEFAULT_SEND_RATE = 10;
    static final int MAX_SEND_RATE = 1000;
    static final int MAX_TAGS = 200;
    static final int MAX_SENDERS = 20;
    static final int MAX_SIGNUP_ORIGINS = 20;
    static final int MAX_CONSENT_TEXT = 2000;
    /** As long as a sign-up's {@code consentVersion} may be. */
    static final int MAX_CONSENT_VERSION = 40;

    public Organisation create(OrganisationSettings settings) {
        FieldErrors errors = new FieldErrors();
        String id = settings.id();
        if (id == null || id.isBlank()) {
            errors.add("id", "is required");
        } else if (!ID.matcher(id).matches()) {
            errors.add("id", "must be 2 to 40 characters: lower-case letters, digits and '-'");
        }
        OrganisationBuilder organisation = apply(settings, OrganisationBuilder.builder().id(id), errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        return organisations.create(organisation.createdAt(now).updatedAt(now).build());
    }

    /**
     * Replaces the settings; when the body carries a version, it must be the stored one. The audit trail names the
     * settings that changed, not their values (a sender's address is personal data).
     */
    public Organisation update(String orgId, OrganisationSettings settings, String actor) {
        Organisation read = get(orgId);
        FieldErrors errors = new FieldErrors();
        if (settings.id() != null && !settings.id().equals(orgId)) {
            errors.add("id", "cannot be changed");
        }
        OrganisationBuilder organisation = apply(settings, read.with(), errors);
        errors.throwIfAny();
        if (settings.version() != null) {
            organisation.version(settings.version());
        }
        Organisation stored = organisations.update(organisation.updatedAt(clock.instant()).build());
        audit.record(orgId, actor, "organisation.update", "organisation:" + orgId, changedSettings(read.settings(), stored.settings()));
        return stored;
    }

    public Organisation get(String orgId) {
        return organisations.find(orgId).orElseThrow(() -> new NotFoundException("no organisation " + orgId));
    }

    public List<Organisation> list() {
        return organisations.list();
    }

    /** The names of the settings whose values differ, comma-separated; the id and version are no settings. */
    private static String changedSettings(OrganisationSettings before, OrganisationSettings after) {
        return Arrays.stream(OrganisationSettings.class.getRecordComponents())
                .filter(setting -> !setting.getName().equals("id") && !setting.getName().equals("version"))
                .filter(setting -> !Objects.equals(valueOf(setting, before), valueOf(setting, after)))
                .map(RecordComponent::getName).collect(Collectors.joining(","));
    }

    private static Object valueOf(RecordComponent setting, OrganisationSettings settings) {
        try {
            return setting.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + setting.getName(), e);
        }
    }

    private static OrganisationBuilder apply(OrganisationSettings in, OrganisationBuilder out, FieldErrors errors) {
        out.name(errors.text("name", in.name(), true, 200));

        String language = in.language() == null ? Language.FR.code() : in.language();
        if (Language.of(language).isEmpty()) {
            errors.add("language", "must be one of fr, en");
        }
        out.language(language);

        String timeZone = in.timeZone() == null ? "Europe/Paris" : in.timeZone();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            errors.add("timeZone", "is not a known time zone (for example Europe/Paris)");
        }
        out.timeZone(timeZone);

        List<Sender> senders = new ArrayList<>();
        List<OrganisationSettings.SenderIdentity> given = in.senders() == null ? List.of() : in.senders();
        if (given.size() > MAX_SENDERS) {
            errors.add("senders", "at most " + MAX_SENDERS + " sender identities");
        }
        for (int i = 0; i < given.size() && i < MAX_SENDERS; i++) {
            OrganisationSettings.SenderIdentity sender = given.get(i);
            String path = "senders[" + i + "]";
            if (sender == null) {
                errors.add(path, "is required");
                continue;
            }
            String name = errors.text(path + ".name", sender.name(), false, 100);
            EmailAddress.parse(sender.address()).ifPresentOrElse(
                    address -> senders.add(new Sender(name, address.value())),
                    () -> errors.add(path + ".address", "is not a valid email address"));
        }
        out.senders(senders);

        int rate = in.sendRatePerSecond() == null ? DEFAULT_SEND_RATE : in.sendRatePerSecond();
        if (rate < 1 || rate > MAX_SEND_RATE) {
            errors.add("sendRatePerSecond", "must be between 1 and " + MAX_SEND_RATE);
        }
        out.sendRatePerSecond(rate);
        out.publicSignup(Boolean.TRUE.equals(in.publicSignup()));

        LinkedHashSet<String> tags = new LinkedHashSet<>();
        List<String> givenTags = in.allowedTags() == null ? List.of() : in.allowedTags();
        if (givenTags.size() > MAX_TAGS) {
            errors.add("allowedTags", "at most " + MAX_TAGS + " tags");
        }
        // stored in their one spelling, the one imports, sign-ups and segment rules compare
        for (int i = 0; i < givenTags.size() && i < MAX_TAGS; i++) {
            String tag = Tags.normalise(givenTags.get(i));
            if (!Tags.valid(tag)) {
                errors.add("allowedTags[" + i + "]", Tags.INVALID);
            } else {
                tags.add(tag);
            }
        }
        out.allowedTags(new ArrayList<>(tags));

        LinkedHashSet<String> origins = new LinkedHashSet<>();
        List<String> givenOrigins = in.signupOrigins() == null ? List.of() : in.signupOrigins();
        if (givenOrigins.size() > MAX_SIGNUP_ORIGINS) {
            errors.add("signupOrigins", "at most " + MAX_SIGNUP_ORIGINS + " origins");
        }
        for (int i = 0; i < givenOrigins.size() && i < MAX_SIGNUP_ORIGINS; i++) {
            int index = i;
            SiteAddress.origin(givenOrigins.get(i)).ifPresentOrElse(origins::add, () -> errors.add("signupOrigins[" + index + "]",
                    "must be a site's origin: https://, a host and an optional port, no path (for example https://campagne.example.org)"));
        }
        out.signupOrigins(new ArrayList<>(origins));

        consent(in, out, errors);

        String thankYou = in.signupThankYouUrl() == null || in.signupThankYouUrl().isBlank() ? null : in.signupThankYouUrl();
        if (thankYou != null && SiteAddress.httpsUrl(thankYou).isEmpty()) {
            errors.add("signupThankYouUrl", "must be an https:// URL of at most " + SiteAddress.MAX_URL_LENGTH + " characters");
        }
        return out.signupThankYouUrl(thankYou == null ? null : SiteAddress.httpsUrl(thankYou).orElse(null));
    }

    /** The consent text and its version go together: a text without its version could not be told apart in consent records. */
    private static void consent(OrganisationSettings in, OrganisationBuilder out, FieldErrors errors) {
        String text = errors.text("consentText", in.consentText(), false, MAX_CONSENT_TEXT);
        String version = errors.text("consentVersion", in.consentVersion(), false, MAX_CONSENT_VERSION);
        boolean textGiven = in.consentText() != null && !in.consentText().isBlank();
        boolean versionGiven = in.consentVersion() != null && !in.consentVersion().isBlank();
        if (textGiven && !versionGiven) {
            errors.add("consentVersion", "is required with consentText");
        } else if (versionGiven && !textGiven) {
            errors.add("consentText", "is required with consentVersion");
        }
        out.consentText(text).consentVersion(version);
    }
}
