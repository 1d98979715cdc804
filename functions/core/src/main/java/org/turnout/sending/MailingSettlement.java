package org.turnout.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;

/**
 * Decides when a mailing is sent: its dispatch is complete and every recipient has an outcome.
 * The live counts say when to look; the decision is taken on an exact recount of the send
 * records (a crash between an outcome and its count can leave a live count one off), at most
 * once per {@link #RECOUNT_GAP}.
 */
@ApplicationScoped
public class MailingSettlement {
    private static final Logger LOG = Logger.getLogger(MailingSettlement.class);
    static final Duration RECOUNT_GAP = Duration.ofSeconds(10);

    private final MailingRepository mailings;
    private final SendRecords records;
    private final Clock clock;

    public MailingSettlement(MailingRepository mailings, SendRecords records, Clock clock) {
        this.mailings = mailings;
        this.records = records;
        this.clock = clock;
    }

    /** True if the mailing is (now) sent. */
    public boolean settleIfDone(String orgId, String mailingId) {
        Mailing mailing = mailings.find(orgId, mailingId).orElse(null);
        if (mailing == null || mailing.stateValue() != MailingState.SENDING || !Boolean.TRUE.equals(mailing.getDispatchComplete())) {
            return mailing != null && mailing.stateValue() == MailingState.SENT;
        }
        long outcomes = Mailing.count(mailing.getSent()) + Mailing.count(mailing.getFailed()) + Mailing.count(mailing.getSkipped()) + Mailing.count(mailing.getUnknown());
        if (outcomes < Mailing.count(mailing.getRecipients())
                || !mailings.claimSettling(orgId, mailingId, clock.millis(), RECOUNT_GAP.toMillis())) {
            return false;
        }
        Map<SendOutcome, Long> exact = records.countByOutcome(orgId, mailingId);
        long settled = exact.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToLong(Map.Entry::getValue).sum();
        if (settled < Mailing.count(mailing.getRecipients())) {
            return false;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SendOutcome outcome : SendOutcome.values()) {
            if (outcome.isFinal()) {
                counts.put(outcome.counter(), exact.getOrDefault(outcome, 0L));
            }
        }
        boolean finished = mailings.finish(orgId, mailingId, counts, clock.instant());
        if (finished) {
            LOG.infof("mailing %s of %s is sent: %s", mailingId, orgId, counts);
        }
        return finished;
    }
}
