package org.turnout.sending;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcomes the sends of one batch recorded, by mailing, to be added to each mailing's counts in
 * one update once the batch is done rather than one per email. Their send records are written as
 * counted: a crash before the update leaves the mailing's counts short, which the reconciler's exact
 * recount repairs (docs/sending.md). Safe for the sends of a batch running at once.
 */
public final class SendTally {
    private final Map<MailingOf, Map<String, Long>> byMailing = new ConcurrentHashMap<>();

    /** A mailing of the batch. */
    public record MailingOf(String orgId, String mailingId) {
    }

    public void add(Recipient recipient, SendOutcome outcome, long change) {
        // compute, not computeIfAbsent then merge: a change never lands in counts that take() has just removed
        byMailing.compute(new MailingOf(recipient.orgId(), recipient.mailingId()), (mailing, counts) -> {
            Map<String, Long> changed = counts == null ? new HashMap<>() : counts;
            changed.merge(outcome.counter(), change, Long::sum);
            return changed;
        });
    }

    /** The changes to each mailing's counts since the last call, taken out of the tally (none of them zero). */
    public Map<MailingOf, Map<String, Long>> take() {
        Map<MailingOf, Map<String, Long>> taken = new LinkedHashMap<>();
        for (MailingOf mailing : byMailing.keySet()) {
            Map<String, Long> counts = byMailing.remove(mailing);
            Map<String, Long> changes = new LinkedHashMap<>();
            counts.forEach((counter, change) -> {
                if (change != 0) {
                    changes.put(counter, change);
                }
            });
            if (!changes.isEmpty()) {
                taken.put(mailing, changes);
            }
        }
        return taken;
    }
}
