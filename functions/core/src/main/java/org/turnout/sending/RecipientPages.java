package org.turnout.sending;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.turnout.contact.Contact;
import org.turnout.segment.SegmentEngine;
import org.turnout.segment.SegmentRule;
import org.turnout.suppression.SuppressionService;

/** Dispatch's unit of work: one page of a segment's shard, less the suppressed, onto the send queue. */
@Singleton
public record RecipientPages(SegmentEngine engine, SuppressionService suppressions, SendQueue queue) {

    /** What a page put on the queue, and where the shard goes on (null: the shard is done). */
    public record Enqueued(int recipients, String next) {
    }

    public Enqueued enqueue(String orgId, String mailingId, SegmentRule rule, boolean allowImported, int shard, String after) {
        SegmentEngine.MemberPage page = engine.membersOnPage(orgId, rule, allowImported, shard, after);
        List<String> members = page.members().stream().map(Contact::contactId).toList();
        Set<String> suppressed = members.isEmpty() ? Set.of() : suppressions.suppressed(orgId, members);
        List<Recipient> recipients = members.stream().filter(id -> !suppressed.contains(id))
                .map(id -> new Recipient(orgId, mailingId, id)).toList();
        queue.enqueue(recipients);
        return new Enqueued(recipients.size(), page.next());
    }
}
