package org.turnout.sending;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The recipients senders parked while their mailing was paused, put back on the queue when it sends again. */
@ApplicationScoped
public class HeldRecipients {
    private static final Logger LOG = Logger.getLogger(HeldRecipients.class);

    private final SendRecords records;
    private final SendQueue queue;

    public HeldRecipients(SendRecords records, SendQueue queue) {
        this.records = records;
        this.queue = queue;
    }

    public void requeue(String orgId, String mailingId) {
        List<Recipient> held = new ArrayList<>();
        records.forEachHeld(orgId, mailingId, contactId -> held.add(new Recipient(orgId, mailingId, contactId)));
        if (!held.isEmpty()) {
            LOG.infof("mailing %s: %d recipients held during a pause go back on the queue", mailingId, held.size());
            queue.enqueue(held);
        }
    }
}
