package org.turnout.api.http;

import java.util.Locale;
import org.turnout.organisation.Language;

/** For pages of links we cannot tie to an organisation: the visitor's browser language, French by default. */
public final class PreferredLanguage {
    private PreferredLanguage() {
    }

    public static Language of(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Language.EN : Language.FR;
    }
}
