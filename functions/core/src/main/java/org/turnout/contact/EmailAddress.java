package org.turnout.contact;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import org.turnout.problem.FieldErrors;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * An email address in the one normal form every door uses (sign-up, import, admin look-up):
 * trimmed, domain lower-cased and converted from IDN to ASCII. The local part keeps its case for
 * sending, but the key, from which {@link ContactIds} derives the contact id, is the whole address
 * lower-cased, so the same person always lands on the same item.
 */
public final class EmailAddress {
    /** RFC 5321: a path is at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);

    private final String address;

    private EmailAddress(String address) {
        this.address = address;
    }

    /** The normalised address, or empty when the input is not a deliverable-looking address. */
    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || trimmed.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String normalised = local + "@" + domain;
        if (normalised.length() > MAX_LENGTH || !VALIDATOR.isValid(normalised)) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(normalised));
    }

    /**
     * The one check of an address a request carries: "is required" when it must be there and is
     * not, "is not a valid email address" when it does not parse; null in both cases.
     */
    public static EmailAddress check(FieldErrors errors, String field, String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        Optional<EmailAddress> address = parse(raw);
        if (address.isEmpty()) {
            errors.add(field, "is not a valid email address");
        }
        return address.orElse(null);
    }

    /** The address to write to. */
    public String value() {
        return address;
    }

    /** The identity of the person: the whole address lower-cased. */
    public String key() {
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress e && e.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return address;
    }
}
