package org.turnout.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Header-safe address forms: nothing a name holds can add a header line. */
public final class MailAddress {
    /** What {@link #oneLine} replaces: the C0 controls, DEL, and the Unicode line and paragraph separators. */
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    private MailAddress() {
    }

    /** {@code "Name" <address>}, or the bare address when there is no name. */
    public static String withName(String name, String address) {
        return name == null || name.isBlank() ? address : displayName(name) + " <" + address + ">";
    }

    /**
     * Non-ASCII names (or any with control characters) go as an RFC 2047 encoded word, as SES asks;
     * others quoted, their quotes and backslashes escaped.
     */
    static String displayName(String name) {
        if (name.chars().anyMatch(c -> c > 126 || c < 32)) {
            return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?=";
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A subject on one line: CR, LF and other control characters become spaces. */
    public static String oneLine(String text) {
        // scanned first: nearly every subject has nothing to replace, and the pattern is the slower test
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                return LINE_BREAKING.matcher(text).replaceAll(" ").strip();
            }
        }
        return text.strip();
    }
}
