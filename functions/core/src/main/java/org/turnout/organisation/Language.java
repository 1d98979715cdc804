package org.turnout.organisation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages Turnout speaks to contacts in (pages and system emails). */
public enum Language {
    FR, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The locale that picks this language's words in the message bundles. */
    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> of(String code) {
        return Arrays.stream(values()).filter(l -> l.code().equals(code)).findFirst();
    }
}
