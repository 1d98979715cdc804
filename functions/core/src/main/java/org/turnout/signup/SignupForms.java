package org.turnout.signup;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.turnout.contact.ConsentRecord;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.Tags;
import org.turnout.organisation.Organisation;
import org.turnout.precinct.StationCode;
import org.turnout.problem.FieldErrors;

/** The rules of a sign-up form: what a visitor sent, checked field by field, as the contact it asks to become. */
@Singleton
public record SignupForms(ContactIds ids) {
    public static final String SOURCE_PREFIX = "signup-form";
    static final Pattern POSTCODE = Pattern.compile("[\\p{Alnum} -]{2,10}");
    static final int MAX_TAGS = 20;

    /** Every rule of a valid form; all invalid fields are reported at once. */
    public Contact validate(Organisation organisation, SignupForm form) {
        FieldErrors errors = new FieldErrors();
        ContactBuilder contact = ContactBuilder.builder().orgId(organisation.id());
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
        if (station != null && !StationCode.isCode(station)) {
            errors.add("station", "must be a polling station's code or name (\"0001\", \"BV1\", \"Bureau 1\"): letters, digits, spaces, "
                    + "'_', '.', '-', '°', '#' or an apostrophe");
        }
        contact.station(station);
        List<String> tags = form.tags() == null ? List.of() : form.tags();
        if (tags.size() > MAX_TAGS) {
            errors.add("tags", "at most " + MAX_TAGS + " tags");
        }
        // compared in their one spelling: "Bénévole" is the allowed tag "bénévole" (and allowed
        // tags stored before they were normalised still count)
        Set<String> allowed = new HashSet<>(Tags.normaliseAll(organisation.allowedTags()));
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
        contact.consent(ConsentRecordBuilder.builder()
                .textVersion(textVersion)
                .source(source == null ? SOURCE_PREFIX : SOURCE_PREFIX + ":" + source)
                .build());
        errors.throwIfAny();
        return contact.build();
    }
}
