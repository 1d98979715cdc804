package org.turnout.mailing;

import org.turnout.contact.Contact;
import org.turnout.mail.MailAddress;

/** The templates of one mailing, parsed once, rendered per contact. */
public final class MailingContent {
    private final MergeTemplate subject;
    private final MergeTemplate html;
    private final MergeTemplate text;

    private MailingContent(MergeTemplate subject, MergeTemplate html, MergeTemplate text) {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    /** The content of a saved mailing, whose templates were checked when saved. */
    public static MailingContent of(Mailing mailing) {
        return new MailingContent(
                MergeTemplate.of(mailing.subject(), MergeTemplate.Kind.TEXT, "subject"),
                mailing.html() == null ? null : MergeTemplate.of(mailing.html(), MergeTemplate.Kind.HTML, "html"),
                mailing.text() == null ? null : MergeTemplate.of(mailing.text(), MergeTemplate.Kind.TEXT, "text"));
    }

    public RenderedMessage render(Contact contact, String organisationName, String unsubscribeUrl) {
        var fields = MergeTemplate.fieldsOf(contact, organisationName, unsubscribeUrl);
        return new RenderedMessage(
                MailAddress.oneLine(subject.render(fields)),
                html == null ? null : html.render(fields),
                text == null ? null : text.render(fields));
    }

    /** A message as one contact receives it; the subject is on one line, whatever a merge field held. */
    public record RenderedMessage(String subject, String html, String text) {
    }
}
