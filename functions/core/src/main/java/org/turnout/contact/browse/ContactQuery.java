package org.turnout.contact.browse;

import java.util.Locale;
import java.util.Optional;

/**
 * A search of an organisation's contacts: what it is by ({@code email}, {@code name}, {@code tag},
 * {@code station}) and the text typed, stripped.
 */
public record ContactQuery(By by, String text) {
    public ContactQuery {
        text = text == null ? "" : text.strip();
    }

    public enum By {
        EMAIL, NAME, TAG, STATION;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a form names ({@code email}, ...), empty for anything else. */
        public static Optional<By> of(String code) {
            for (By by : values()) {
                if (by.code().equals(code)) {
                    return Optional.of(by);
                }
            }
            return Optional.empty();
        }
    }
}
