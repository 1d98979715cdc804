package org.turnout.contact.browse;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.turnout.contact.Contact;

/**
 * The one rule of a search by name: case and accents ignored ("helene" finds "Hélène"), the text found anywhere
 * in the first name followed by the last, or the last followed by the first ("dupont marie" finds Marie Dupont).
 * A contains, not a prefix: no index leads to names, so every contact is read either way and a contains costs the
 * same while it also finds "Marie" in "Anne-Marie".
 */
final class ContactNames {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ContactNames() {
    }

    static Predicate<Contact> containing(String text) {
        String wanted = fold(text);
        return contact -> {
            String first = fold(contact.firstName());
            String last = fold(contact.lastName());
            return (first + " " + last).contains(wanted) || (last + " " + first).contains(wanted);
        };
    }

    /** Without accents, in lower case, spaces as one. */
    static String fold(String value) {
        if (value == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
