package org.turnout.canvass;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A house number with its French repetition suffix: {@code 12}, {@code 12 bis}, {@code 12 ter},
 * {@code 12B}. Numbers sort as a street is walked: 12, 12 bis, 12 ter, 14.
 */
public record HouseNumber(int number, String suffix) implements Comparable<HouseNumber> {
    private static final List<String> LATIN = List.of("", "bis", "ter", "quater", "quinquies");
    private static final Pattern TEXT = Pattern.compile("(\\d{1,5})\\s*(bis|ter|quater|quinquies|[a-z])?", Pattern.CASE_INSENSITIVE);

    public static Optional<HouseNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new HouseNumber(Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT)));
    }

    public boolean even() {
        return number % 2 == 0;
    }

    @Override
    public int compareTo(HouseNumber other) {
        if (number != other.number) {
            return Integer.compare(number, other.number);
        }
        return Integer.compare(suffixRank(suffix), suffixRank(other.suffix)) != 0
                ? Integer.compare(suffixRank(suffix), suffixRank(other.suffix))
                : suffix.compareTo(other.suffix);
    }

    /** No suffix first, then bis, ter, quater, quinquies, then letters (A, B, ...). */
    private static int suffixRank(String suffix) {
        int latin = LATIN.indexOf(suffix);
        return latin >= 0 ? latin : LATIN.size();
    }

    @Override
    public String toString() {
        return suffix.isEmpty() ? Integer.toString(number) : number + (suffix.length() == 1 ? suffix.toUpperCase(Locale.ROOT) : " " + suffix);
    }
}
