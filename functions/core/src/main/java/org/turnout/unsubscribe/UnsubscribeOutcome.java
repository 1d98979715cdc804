package org.turnout.unsubscribe;

import org.turnout.organisation.Language;

/**
 * What an unsubscribe link led to. A forged, altered or expired link, or one whose organisation is
 * gone, is {@code valid == false} and nothing more: the visitor learns nothing about why.
 */
public record UnsubscribeOutcome(boolean valid, Language language, String organisationName) {
    public static UnsubscribeOutcome invalid(Language language) {
        return new UnsubscribeOutcome(false, language, null);
    }
}
