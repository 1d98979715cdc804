package org.turnout.mailing;

import java.time.Instant;

/**
 * A mailing as the API shows it, with its state and counts.
 *
 * @param stuckReason while it is sending: why it stands still, as the reconciler found it
 */
public record MailingView(
        String id,
        String name,
        MailingDraft.From from,
        String replyTo,
        String subject,
        String html,
        String text,
        String segmentId,
        Instant sendAt,
        String state,
        Counts counts,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        Long version,
        String stuckReason) {

    /**
     * @param unknown recipients whose send was claimed but whose answer from SES was never recorded (a crash): not resent
     */
    public record Counts(long recipients, long sent, long failed, long skipped, long unknown) {
    }

    public static MailingView of(Mailing m) {
        return new MailingView(m.mailingId(), m.name(), new MailingDraft.From(m.fromName(), m.fromAddress()),
                m.replyTo(), m.subject(), m.html(), m.text(), m.segmentId(), m.sendAt(), m.state(),
                new Counts(Mailing.count(m.recipients()), Mailing.count(m.sent()), Mailing.count(m.failed()),
                        Mailing.count(m.skipped()), Mailing.count(m.unknown())),
                m.createdAt(), m.updatedAt(), m.finishedAt(), m.version(),
                m.stateValue() == MailingState.SENDING ? m.stuckReason() : null);
    }
}
