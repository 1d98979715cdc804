package org.turnout.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.turnout.contact.Tags;

/**
 * The values of a multi-value cell (tags, groups, lists, interests); each becomes a tag by the
 * one rule of {@link Tags}. Tools separate such values with ',' ';' '|' a line break, or ':::' (Google Contacts), whatever
 * the delimiter of the file itself, so all of them split a cell.
 */
final class TagCell {
    private static final Pattern SEPARATORS = Pattern.compile(",|;|\\||\\r\\n|\\r|\\n|:::");
    /** Mailchimp quotes each tag inside its TAGS cell: {@code "Bénévole","Donateur"}. */
    private static final Pattern SURROUNDING_QUOTES = Pattern.compile("^[\"']+|[\"']+$");
    /** Labels every Google contact carries; they say nothing about the person. */
    private static final Set<String> GOOGLE_SYSTEM_LABELS = Set.of("* mycontacts", "* starred", "* other contacts");

    private TagCell() {
    }

    /** The cell's values, trimmed, empty ones left out. */
    static List<String> split(String cell) {
        List<String> values = new ArrayList<>();
        if (cell == null) {
            return values;
        }
        for (String part : SEPARATORS.split(cell)) {
            String value = SURROUNDING_QUOTES.matcher(part.strip()).replaceAll("").strip();
            if (!value.isEmpty() && !GOOGLE_SYSTEM_LABELS.contains(value.toLowerCase(Locale.ROOT))) {
                values.add(value);
            }
        }
        return values;
    }

    /** Why a value normalised by {@link Tags#normalise} cannot be a tag, or null when it can. */
    static String problem(String tag) {
        return Tags.valid(tag) ? null : "invalid tag (1 to 50 letters, digits, '_', '.' or '-', starting with a letter or digit)";
    }
}
