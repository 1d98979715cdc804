package org.turnout.contact;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule of what a tag is, wherever a tag comes in (an organisation's allowed tags, a
 * sign-up, an import, a segment rule) and wherever two tags are compared: one spelling per tag,
 * composed accents, lower case, no surrounding spaces, inner spaces as one '-'. So "Bénévole",
 * " bénévole " and "BÉNÉVOLE" are the same tag, "bénévole", and "Porte à porte" is "porte-à-porte".
 */
public final class Tags {
    /** A normalised tag: 1 to 50 letters, digits, '_', '.' or '-', starting with a letter or digit. */
    public static final Pattern PATTERN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,49}");
    public static final String INVALID = "must be 1 to 50 letters, digits, '_', '.' or '-', starting with a letter or digit";
    private static final Pattern INNER_SPACES = Pattern.compile("\\s+");

    private Tags() {
    }

    /** The tag's one spelling; null stays null. The result may still not be a tag: see {@link #valid}. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String composed = Normalizer.normalize(value.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return INNER_SPACES.matcher(composed).replaceAll("-");
    }

    /** Whether a normalised value is a tag. */
    public static boolean valid(String tag) {
        return tag != null && PATTERN.matcher(tag).matches();
    }

    /** Each value normalised, once, in their order; nulls left out (for tags already stored). */
    public static List<String> normaliseAll(Collection<String> values) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    tags.add(normalise(value));
                }
            }
        }
        return List.copyOf(tags);
    }
}
