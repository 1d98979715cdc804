package org.turnout.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.turnout.organisation.OrganisationService;

/**
 * The values of a multi-value cell (tags, groups, lists, interests) and how each becomes a tag.
 * Tools separate such values with ',' ';' '|' a line break, or ':::' (Google Contacts), whatever
 * the delimiter of the file itself, so all of them split a cell.
 */
final class TagCell {
    private static final Pattern SEPARATORS = Pattern.compile(",|;|\\||\\r\\n|\\r|\\n|:::");
    private static final Pattern INNER_SPACES = Pattern.compile("\\s+");
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

    /**
     * One spelling per tag: composed accents, lower case, inner spaces as one '-' (a tag holds no
     * space), so that "Porte à porte" and "porte-à-porte " are the same tag.
     */
    static String normalise(String value) {
        String composed = Normalizer.normalize(value.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return INNER_SPACES.matcher(composed).replaceAll("-");
    }

    /** Why a normalised value cannot be a tag, or null when it can. */
    static String problem(String tag) {
        return OrganisationService.TAG.matcher(tag).matches() ? null
                : "invalid tag (1 to 50 letters, digits, '_', '.' or '-', starting with a letter or digit)";
    }
}
