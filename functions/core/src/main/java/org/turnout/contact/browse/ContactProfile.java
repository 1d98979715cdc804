package org.turnout.contact.browse;

import java.time.Instant;
import java.util.List;
import org.turnout.canvass.CanvassRecord;
import org.turnout.contact.Contact;

/**
 * A contact as staff see it on its page: the contact item (with its consent record and history), what each
 * mailing did with it, newest first, and every door knock recorded for it, newest first.
 */
public record ContactProfile(Contact contact, List<MailingEngagement> engagement, List<CanvassRecord> canvass) {
    public ContactProfile {
        engagement = List.copyOf(engagement);
        canvass = List.copyOf(canvass);
    }

    /**
     * One mailing and this contact: the send record's outcome and time (null outcome when the contact item lists
     * the mailing as received but its record is gone), and what SES's events said (opened, clicked, bounced,
     * complained), as the feedback recorded them on the contact.
     */
    public record MailingEngagement(String mailingId, String mailingName, String outcome, Instant at,
                                    boolean opened, boolean clicked, boolean bounced, boolean complained) {
    }

    public long sent() {
        return engagement.stream().filter(e -> "sent".equals(e.outcome())).count();
    }

    public long opened() {
        return engagement.stream().filter(MailingEngagement::opened).count();
    }

    public long clicked() {
        return engagement.stream().filter(MailingEngagement::clicked).count();
    }

    public long bounced() {
        return engagement.stream().filter(MailingEngagement::bounced).count();
    }

    public long complained() {
        return engagement.stream().filter(MailingEngagement::complained).count();
    }
}
