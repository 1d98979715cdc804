package org.turnout.api.console.mailings;

import jakarta.ws.rs.core.MultivaluedMap;
import org.turnout.mailing.MailingDraft;
import org.turnout.mailing.MailingView;

/**
 * The editor's form as the browser sends it (one value a field, absent fields empty), and as a saved mailing fills it.
 * The sender's display name is the sender's own; the send time is set by scheduling, not here.
 */
public record MailingForm(String name, String fromAddress, String subject, String html, String text, String segmentId, String version) {
    static final MailingForm EMPTY = new MailingForm("", "", "", "", "", "", "");

    static MailingForm of(MultivaluedMap<String, String> form) {
        return new MailingForm(form.getFirst("name"), form.getFirst("fromAddress"), form.getFirst("subject"),
                form.getFirst("html"), form.getFirst("text"), form.getFirst("segmentId"), form.getFirst("version"));
    }

    static MailingForm of(MailingView mailing) {
        return new MailingForm(mailing.name(), mailing.from().address(), mailing.subject(), mailing.html(), mailing.text(),
                mailing.segmentId(), String.valueOf(mailing.version()));
    }

    MailingDraft draft() {
        return new MailingDraft(name, new MailingDraft.From(null, fromAddress), null, subject, html, text, segmentId, null,
                versionRead());
    }

    /** The version the page read; none (or not a number) is refused by the service as missing. */
    private Long versionRead() {
        try {
            return version == null ? null : Long.valueOf(version);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
