package org.turnout.contact.browse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.EmailAddress;
import org.turnout.problem.InvalidInputException;
import org.turnout.segment.RuleParser;
import org.turnout.segment.SegmentRule;
import org.turnout.store.Keys;

/**
 * Staff's search of an organisation's contacts, never a table scan. By address: one read of the contact's item,
 * its id derived from the address normalised as every door does. By name, tag or station: the organisation's
 * GSI2 shards read one after the other, page by page, each contact tested in Java (tags and stations by the
 * segment rules' own conditions, names by {@link ContactNames}), until a page of results is full; the cursor says
 * where the next request reads on.
 */
@Singleton
public record ContactSearch(ContactRepository contacts, ContactIds ids, ContactEnumerator enumerator, Clock clock) {
    /** Contacts a page of results. */
    public static final int PAGE_SIZE = 25;
    /**
     * Shard pages ({@link ContactEnumerator#PAGE_SIZE} contacts each) one request reads at most: a rare match
     * answers after 4,000 contacts with what it found and a cursor, rather than holding the page for them all.
     */
    static final int MAX_PAGES_READ = 16;
    /** The longest text a search takes: an address's length. */
    static final int MAX_TEXT = EmailAddress.MAX_LENGTH;

    public ContactMatches search(String orgId, ContactQuery query, SearchCursor cursor) {
        if (query.by() == ContactQuery.By.EMAIL) {
            List<Contact> found = byEmail(orgId, query.text()).stream().toList();
            return new ContactMatches(found, null, (long) found.size());
        }
        Predicate<Contact> matches = matcher(query);
        List<Contact> found = new ArrayList<>();
        int shard = cursor.shard();
        String after = cursor.after();
        for (int read = 0; read < MAX_PAGES_READ && shard < Keys.CONTACT_SHARDS; read++) {
            ContactEnumerator.ShardPage page = enumerator.page(orgId, shard, Set.of(), after);
            for (Contact contact : page.contacts()) {
                if (matches.test(contact)) {
                    found.add(contact);
                    if (found.size() == PAGE_SIZE) {
                        // the shard is sorted by contact id: the next request starts after this one
                        return new ContactMatches(found, new SearchCursor(shard, contact.contactId(), cursor.seen() + found.size()), null);
                    }
                }
            }
            after = page.next();
            if (after == null) {
                shard++;
            }
        }
        if (shard >= Keys.CONTACT_SHARDS) {
            return new ContactMatches(found, null, cursor.seen() + found.size());
        }
        return new ContactMatches(found, new SearchCursor(shard, after, cursor.seen() + found.size()), null);
    }

    /**
     * How many contacts match, read from every contact of the organisation at once (its 16 shards in parallel):
     * what staff ask for when a search has more than a page.
     */
    public long count(String orgId, ContactQuery query) {
        if (query.by() == ContactQuery.By.EMAIL) {
            return byEmail(orgId, query.text()).isPresent() ? 1 : 0;
        }
        Predicate<Contact> matches = matcher(query);
        LongAdder count = new LongAdder();
        enumerator.forEach(orgId, contact -> {
            if (matches.test(contact)) {
                count.increment();
            }
        });
        return count.sum();
    }

    private Optional<Contact> byEmail(String orgId, String text) {
        EmailAddress address = EmailAddress.parse(checked(text))
                .orElseThrow(() -> InvalidInputException.of("q", "is not a valid email address"));
        return contacts.find(orgId, ids.forEmail(address));
    }

    private Predicate<Contact> matcher(ContactQuery query) {
        String text = checked(query.text());
        return switch (query.by()) {
            case NAME -> ContactNames.containing(text);
            case TAG -> condition("tags", "hasAny", text);
            case STATION -> condition("station", "in", text);
            case EMAIL -> throw new IllegalArgumentException("an address is looked up, not matched");
        };
    }

    /** A segment rule's condition on one value: the one definition of what "has this tag" and "votes at this station" mean. */
    private Predicate<Contact> condition(String field, String op, String value) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("field", field).put("op", op);
        json.putArray("values").add(value);
        SegmentRule rule = RuleParser.parse(json, "q");
        Instant now = clock.instant();
        return contact -> rule.matches(contact, now);
    }

    private static String checked(String text) {
        if (text.isEmpty()) {
            throw InvalidInputException.of("q", "is required");
        }
        if (text.length() > MAX_TEXT) {
            throw InvalidInputException.of("q", "is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }
}
