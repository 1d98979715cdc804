package org.turnout.importing;

import java.util.Set;

/**
 * Whether the consent columns of a row say the person opted out. Only an opt-out is read from a
 * file: consent itself comes from the import's declared consent source, never from a cell.
 */
final class OptOutCell {
    private static final Set<String> NO = Set.of("false", "f", "no", "n", "non", "0");
    /** Compared after {@link ContactField#normalise}: "spam complaint" is "spamcomplaint", "Désabonné" "desabonne". */
    private static final Set<String> OPTED_OUT_STATUSES = Set.of("unsubscribed", "cleaned", "bounced", "bouncing", "blocklisted",
            "blacklisted", "complained", "spamcomplaint", "optedout", "optout", "desabonne", "desabonnee", "desinscrit", "desinscrite");

    private OptOutCell() {
    }

    /** @param status the status word, @param optIn a yes/no opt-in, @param optOut an opt-out flag or date; each null when absent */
    static boolean optedOut(String status, String optIn, String optOut) {
        return status != null && OPTED_OUT_STATUSES.contains(ContactField.normalise(status))
                || optIn != null && NO.contains(ContactField.normalise(optIn))
                || optOut != null && !NO.contains(ContactField.normalise(optOut));
    }
}
