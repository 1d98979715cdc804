package org.turnout.segment;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactView;

/**
 * The one evaluation of segments, for preview, dispatch and export: the organisation's contacts
 * read in parallel, the rule evaluated once per contact, and consent always applied.
 */
@Singleton
public record SegmentEngine(ContactEnumerator contacts, Clock clock) {
    public static final int SAMPLE_SIZE = 20;

    /** Hands each mailable member to {@code each}, from several threads at once. */
    public void forEachMember(String orgId, SegmentRule rule, boolean allowImported, Consumer<Contact> each) {
        Instant now = clock.instant();
        contacts.forEach(orgId, Mailable.statuses(allowImported), contact -> {
            if (Mailable.test(contact, allowImported) && rule.matches(contact, now)) {
                each.accept(contact);
            }
        });
    }

    /**
     * The members among one page of one shard, and where to read on (null at the shard's end): the
     * dispatch of a mailing walks the shards this way, keeping its place after every page.
     */
    public MemberPage membersOnPage(String orgId, SegmentRule rule, boolean allowImported, int shard, String after) {
        Instant now = clock.instant();
        ContactEnumerator.ShardPage page = contacts.page(orgId, shard, Mailable.statuses(allowImported), after);
        List<Contact> members = page.contacts().stream()
                .filter(contact -> Mailable.test(contact, allowImported) && rule.matches(contact, now)).toList();
        return new MemberPage(members, page.next());
    }

    public record MemberPage(List<Contact> members, String next) {
    }

    /** The count and the first {@value #SAMPLE_SIZE} members by id, in memory bounded by the sample. */
    public SegmentPreview preview(String orgId, SegmentRule rule, boolean allowImported) {
        LongAdder count = new LongAdder();
        // the largest id on top, so that it is the one to drop when a smaller one comes
        PriorityQueue<Contact> first = new PriorityQueue<>(Comparator.comparing(Contact::contactId).reversed());
        forEachMember(orgId, rule, allowImported, contact -> {
            count.increment();
            synchronized (first) {
                first.add(contact);
                if (first.size() > SAMPLE_SIZE) {
                    first.poll();
                }
            }
        });
        return new SegmentPreview(count.sum(), first.stream()
                .sorted(Comparator.comparing(Contact::contactId)).map(ContactView::of).toList());
    }
}
