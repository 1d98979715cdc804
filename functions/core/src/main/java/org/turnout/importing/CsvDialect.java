package org.turnout.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a spreadsheet export is written, told from its first bytes: the encoding (UTF-8 with or
 * without BOM, else Windows-1252, which Excel uses for "CSV" in French and which covers Latin-1)
 * and the delimiter (the one of {@code ; , tab} that the header line uses most, outside quotes).
 *
 * @param bomLength bytes to skip at the start of the file
 */
public record CsvDialect(Charset charset, int bomLength, char delimiter) {
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final char[] DELIMITERS = {';', ',', '\t'};

    /** The encodings staff may choose for a file, by the names the API and the console take. */
    public static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, WINDOWS_1252);
    /** The delimiters staff may choose: {@code ;}, {@code ,} or {@code tab}. */
    public static final List<String> DELIMITER_CHOICES = List.of(";", ",", "tab");

    /** The encoding of this name, if it is one staff may choose. */
    public static Optional<Charset> encodingOf(String name) {
        return name == null ? Optional.empty()
                : ENCODINGS.stream().filter(c -> c.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The delimiter of this choice ({@code ;}, {@code ,}, {@code tab} or a tab), if it is one staff may choose. */
    public static Optional<Character> delimiterOf(String choice) {
        if (choice == null) {
            return Optional.empty();
        }
        String c = choice.toLowerCase(Locale.ROOT).equals("tab") ? "\t" : choice;
        return c.length() == 1 && new String(DELIMITERS).indexOf(c.charAt(0)) >= 0 ? Optional.of(c.charAt(0)) : Optional.empty();
    }

    /** This dialect with staff's choices where they made one; the BOM is skipped all the same. */
    public CsvDialect overriddenBy(Charset chosenCharset, Character chosenDelimiter) {
        return new CsvDialect(chosenCharset == null ? charset : chosenCharset, bomLength,
                chosenDelimiter == null ? delimiter : chosenDelimiter);
    }

    /** The delimiter as staff choose it: a tab as {@code tab}. */
    public String delimiterChoice() {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }

    /** Reads the dialect from the head of the file (a few KiB are plenty). */
    public static CsvDialect sniff(byte[] head) {
        if (head.length >= 3 && Arrays.equals(Arrays.copyOf(head, 3), UTF8_BOM)) {
            return new CsvDialect(StandardCharsets.UTF_8, 3, delimiter(new String(head, 3, head.length - 3, StandardCharsets.UTF_8)));
        }
        Charset charset = isUtf8(head) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        return new CsvDialect(charset, 0, delimiter(new String(head, charset)));
    }

    /** Strict UTF-8, forgiving only a character cut at the end of the sample. */
    static boolean isUtf8(byte[] head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int cut = 0; cut < 4 && cut <= head.length; cut++) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(head, 0, head.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                // a multi-byte character may have been cut by the sample's end: try a little shorter
            }
        }
        return false;
    }

    private static char delimiter(String text) {
        String header = firstLine(text);
        return new String(DELIMITERS).chars()
                .boxed()
                .max(Comparator.comparingLong(d -> countOutsideQuotes(header, (char) d.intValue())))
                .filter(d -> countOutsideQuotes(header, (char) d.intValue()) > 0)
                .map(d -> (char) d.intValue())
                .orElse(',');
    }

    private static String firstLine(String text) {
        String trimmed = text.stripLeading();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }

    private static long countOutsideQuotes(String line, char delimiter) {
        long count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
