package org.turnout.mailing;

/**
 * A mailing as staff write it. {@code sendAt} is ISO-8601: with an offset
 * ({@code 2026-12-01T18:00:00+01:00}) it is that instant; without one ({@code 2026-12-01T18:00}) it
 * is read in the organisation's time zone. Subject, html and text are Qute templates with merge
 * fields ({@code {first_name ?: 'ami'}}); values are HTML-escaped in html only. {@code version} is
 * the version read, required to change a saved mailing.
 */
public record MailingDraft(
        String name,
        From from,
        String replyTo,
        String subject,
        String html,
        String text,
        String segmentId,
        String sendAt,
        Long version) {

    /** One of the organisation's verified senders; the name defaults to the sender's own. */
    public record From(String name, String address) {
    }
}
