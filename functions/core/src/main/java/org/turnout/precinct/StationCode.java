package org.turnout.precinct;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a polling station within its commune, as files write its code differently:
 * {@code 0001}, {@code 1}, {@code BV1}, {@code BV 01}, {@code Bureau 1}, {@code Bureau de vote n° 1}
 * are one station. The one rule for every station code that comes in: results of several
 * elections are matched on it, and every key of a station ({@link org.turnout.store.Keys}: the
 * contacts', the roll's voters', the address file's doors', so the walk list's) is made from it.
 * What the file or the visitor wrote is kept for display.
 */
public final class StationCode {
    private static final Pattern PREFIX = Pattern.compile("^(?:(?:bureau de vote|bureau|b\\.? ?v\\.?|n\\s*°|no\\.?|#)\\s*)+(?=\\d)");
    private static final Pattern NUMBER = Pattern.compile("0*(\\d+)(.*)");
    /** What a written code is made of: letters, digits, spaces, and the marks codes and "Bureau de vote n° 1" have. */
    private static final Pattern WRITTEN = Pattern.compile("[\\p{L}\\p{N}\\s\\u00A0\\u202F_.°#'-]+");

    private StationCode() {
    }

    /**
     * Whether what someone wrote can be a station's code: made of letters, digits, spaces and {@code _ . - ° # '},
     * with an identity left once its prefix is taken off, and no {@code #} in that identity (it separates the parts
     * of the keys made from it). {@code "0001"}, {@code "BV1"}, {@code "Bureau 1"}, {@code "Bureau de vote n° 1"} are.
     */
    public static boolean isCode(String written) {
        if (written == null || !WRITTEN.matcher(written).matches()) {
            return false;
        }
        String identity = canonical(written);
        return !identity.isBlank() && identity.indexOf('#') < 0;
    }

    /** The station's identity: {@code "Bureau 01"} gives {@code "1"}, {@code "0012 a"} gives {@code "12A"}, a name is upper-cased. */
    public static String canonical(String code) {
        String plain = Normalizer.normalize(code, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("[\\s\\u00A0\\u202F]+", " ");
        plain = Normalizer.normalize(plain, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String rest = PREFIX.matcher(plain).replaceFirst("");
        Matcher number = NUMBER.matcher(rest);
        if (number.matches()) {
            return number.group(1) + number.group(2).replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        }
        return rest.toUpperCase(Locale.ROOT);
    }
}
