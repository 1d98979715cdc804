package org.turnout.canvass;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.turnout.importing.ContactField;

/**
 * A door: house number (if any), street and postcode. Two spellings of one street ("Rue Émile
 * Zola", "rue emile-zola") are the same street, so doors are grouped by {@link #streetKey()}.
 */
public record DoorAddress(HouseNumber number, String street, String postcode) {
    /** "12 bis rue de la Paix", "12, rue de la Paix", "12B rue de la Paix". */
    private static final Pattern LEADING_NUMBER = Pattern.compile(
            "(\\d{1,5}(?:\\s*(?:bis|ter|quater|quinquies|[a-z](?![a-z])))?)\\s*,?\\s+(.+)", Pattern.CASE_INSENSITIVE);

    /** The door of a one-line street address as contacts carry it. */
    public static Optional<DoorAddress> parse(String line, String postcode) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        Matcher m = LEADING_NUMBER.matcher(line.strip());
        if (m.matches()) {
            return Optional.of(new DoorAddress(HouseNumber.parse(m.group(1)).orElse(null), m.group(2).strip(), blankToNull(postcode)));
        }
        return Optional.of(new DoorAddress(null, line.strip(), blankToNull(postcode)));
    }

    public String streetKey() {
        return ContactField.normalise(street);
    }

    /** The door's identity in an organisation: street, number and postcode, spelling aside. */
    public String doorKey() {
        return streetKey() + "#" + (number == null ? "" : String.format("%05d", number.number()) + number.suffix())
                + "#" + (postcode == null ? "" : ContactField.normalise(postcode));
    }

    /** Who lives at this door by this name, spelling aside: what the id of a contact without email is derived from. */
    public String personKey(String lastName, String firstName) {
        return doorKey() + "|" + ContactField.normalise(lastName) + "|" + ContactField.normalise(firstName);
    }

    /** As a contact's street line: "12 bis rue de la Paix". */
    public String line() {
        return number == null ? street : number + " " + street;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
