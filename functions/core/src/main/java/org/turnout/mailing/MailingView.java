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
        return new MailingView(m.getMailingId(), m.getName(), new MailingDraft.From(m.getFromName(), m.getFromAddress()),
                m.getReplyTo(), m.getSubject(), m.getHtml(), m.getText(), m.getSegmentId(), m.getSendAt(), m.getState(),
                new Counts(Mailing.count(m.getRecipients()), Mailing.count(m.getSent()), Mailing.count(m.getFailed()),
                        Mailing.count(m.getSkipped()), Mailing.count(m.getUnknown())),
                m.getCreatedAt(), m.getUpdatedAt(), m.getFinishedAt(), m.getVersion(),
                m.stateValue() == MailingState.SENDING ? m.getStuckReason() : null);
    }
}
