package org.turnout.api.console.mailings;

import org.turnout.mailing.MailingState;
import org.turnout.mailing.MailingView;

/**
 * Where a mailing stands, as its page shows it and htmx polls it: state, send time in the organisation's zone, how
 * many recipients are done (sent, failed or skipped) of those the dispatch found, and what staff may do next.
 *
 * @param live whether it can still move on its own (scheduled, sending, paused), so the page keeps asking
 */
public record MailingStatus(MailingView mailing, MailingState state, String sendAt, long done, int percent, boolean live) {

    static MailingStatus of(MailingView mailing, SendTimes times) {
        MailingState state = MailingState.of(mailing.state());
        MailingView.Counts counts = mailing.counts();
        long done = counts.sent() + counts.failed() + counts.skipped();
        int percent = counts.recipients() == 0 ? 0 : (int) Math.min(100, done * 100 / counts.recipients());
        boolean live = state == MailingState.SCHEDULED || state == MailingState.SENDING || state == MailingState.PAUSED;
        return new MailingStatus(mailing, state, times.shown(mailing.sendAt()), done, percent, live);
    }

    /** The dispatch has begun: there are counts to show. */
    public boolean started() {
        return state != MailingState.DRAFT && state != MailingState.SCHEDULED || mailing.counts().recipients() > 0;
    }
}
