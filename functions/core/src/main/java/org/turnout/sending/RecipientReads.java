package org.turnout.sending;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.turnout.contact.Contact;
import org.turnout.store.Attributes;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What each recipient of a batch needs before it is sent to (its contact, whether it is on the
 * suppression list, its send record), read for the whole batch in one strongly consistent
 * {@code BatchGetItem}: three keys a recipient, 30 for a batch of ten, where one recipient at a time
 * took four calls.
 */
@Singleton
public record RecipientReads(BatchOperations batches, Clock clock) {
    /**
     * How long a batch's reads stand for a recipient still waiting for its turn: an unsubscribe or a
     * suppression is honoured within seconds, as a pause is ({@link MailingCache#STATE_FRESHNESS}).
     */
    static final Duration FRESHNESS = Duration.ofSeconds(5);

    /** What is stored about one recipient at the time of the read. */
    public record Found(Optional<Contact> contact, boolean listed, Optional<SendRecord> record) {
    }

    /** The reads of a batch, and when they were made. */
    public final class Batch {
        private final Map<Recipient, Found> found;
        private final Instant readAt;

        private Batch(Map<Recipient, Found> found, Instant readAt) {
            this.found = found;
            this.readAt = readAt;
        }

        /** The recipient's reads, read again on its own if those of the batch are no longer fresh. */
        public Found of(Recipient recipient) {
            Found read = found.get(recipient);
            if (read == null || readAt.plus(FRESHNESS).isBefore(clock.instant())) {
                return read(List.of(recipient)).found.get(recipient);
            }
            return read;
        }
    }

    public Batch read(List<Recipient> recipients) {
        Instant readAt = clock.instant();
        Map<ItemKey, Slot> slots = new LinkedHashMap<>();
        for (Recipient recipient : recipients) {
            slots.put(ItemKey.of(TurnoutTable.key(Keys.contact(recipient.orgId(), recipient.contactId()), Keys.CONTACT_SK)),
                    new Slot(recipient, Kind.CONTACT));
            slots.put(ItemKey.of(SuppressionRepository.key(recipient.orgId(), recipient.contactId())), new Slot(recipient, Kind.LISTED));
            slots.put(ItemKey.of(SendRecords.key(recipient)), new Slot(recipient, Kind.RECORD));
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        slots.keySet().forEach(key -> keys.add(TurnoutTable.key(key.pk(), key.sk())));
        Map<Recipient, Contact> contacts = new HashMap<>();
        Map<Recipient, SendRecord> records = new HashMap<>();
        Map<Recipient, Boolean> listed = new HashMap<>();
        for (Map<String, AttributeValue> item : batches.getAll(keys)) {
            Slot slot = slots.get(ItemKey.of(item));
            switch (slot.kind()) {
                case CONTACT -> contacts.put(slot.recipient(), Contact.SCHEMA.mapToItem(item));
                case LISTED -> listed.put(slot.recipient(), true);
                case RECORD -> records.put(slot.recipient(), SendRecords.record(item));
            }
        }
        Map<Recipient, Found> found = new HashMap<>();
        for (Recipient recipient : recipients) {
            found.put(recipient, new Found(Optional.ofNullable(contacts.get(recipient)), listed.containsKey(recipient),
                    Optional.ofNullable(records.get(recipient))));
        }
        return new Batch(found, readAt);
    }

    private enum Kind { CONTACT, LISTED, RECORD }

    private record Slot(Recipient recipient, Kind kind) {
    }

    private record ItemKey(String pk, String sk) {
        static ItemKey of(Map<String, AttributeValue> item) {
            return new ItemKey(item.get(Attributes.PK).s(), item.get(Attributes.SK).s());
        }
    }
}
