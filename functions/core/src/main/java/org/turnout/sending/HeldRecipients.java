package org.turnout.sending;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The recipients senders parked while their mailing was paused, put back on the queue when it sends again. */
@Singleton
public record HeldRecipients(SendRecords records, SendQueue queue) {
    private static final Logger LOG = Logger.getLogger(HeldRecipients.class);

    public void requeue(String orgId, String mailingId) {
        List<Recipient> held = new ArrayList<>();
        records.forEachHeld(orgId, mailingId, contactId -> held.add(new Recipient(orgId, mailingId, contactId)));
        if (!held.isEmpty()) {
            LOG.infof("mailing %s: %d recipients held during a pause go back on the queue", mailingId, held.size());
            queue.enqueue(held);
        }
    }
}
