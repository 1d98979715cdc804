package org.turnout.importing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.store.BatchOperations;
import org.turnout.suppression.SuppressionService;
import org.turnout.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes one window of a file: reads the known contacts of its rows in bulk, merges every row in
 * file order (so a person twice in the window is merged, not overwritten), and writes each changed
 * contact with a conditional put, many in flight: only if it is still absent, or still at the
 * version read. A contact changed meanwhile (an unsubscribe, an erasure, a bounce, a sign-up) is
 * read again and the same rows merged onto it, so that the person's change stands. The rejected
 * and warned rows, which nothing else writes, go in batch writes. Windows run one after the other,
 * so a person met again in a later window is read back as written, and counted as a duplicate.
 */
@ApplicationScoped
public class ContactImportWriter {
    /** Rejected rows stay readable this long after the import, for its report. */
    static final Duration REJECTION_RETENTION = Duration.ofDays(30);
    /** Rounds of read, merge and conditional write before the window gives up (and is retried whole). */
    static final int MAX_ROUNDS = 5;

    private final ContactRepository contacts;
    private final ContactIds ids;
    private final BatchOperations batches;
    private final SuppressionService suppressions;
    private final Clock clock;

    public ContactImportWriter(ContactRepository contacts, ContactIds ids, BatchOperations batches, SuppressionService suppressions, Clock clock) {
        this.contacts = contacts;
        this.ids = ids;
        this.batches = batches;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    public ImportCounts write(ContactMerge merge, String orgId, String importId, List<ImportRow> rows,
                              List<ParsedRow.Rejected> rejected, List<ParsedRow.Valid> warned) {
        Map<String, List<ImportRow>> byContact = new LinkedHashMap<>();
        for (ImportRow row : rows) {
            byContact.computeIfAbsent(ids.forEmail(row.email()), id -> new ArrayList<>()).add(row);
        }
        ImportCounts counts = ImportCounts.ZERO;
        Map<String, Person> settled = new LinkedHashMap<>();
        Map<String, List<ImportRow>> pending = byContact;
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw new IllegalStateException(pending.size() + " contact(s) of import " + importId + " of " + orgId
                        + " kept changing while the import wrote them");
            }
            List<Person> people = mergeOntoStored(merge, orgId, pending);
            List<Person> changed = people.stream().filter(Person::changed).toList();
            List<Optional<Contact>> written = batches.eachInParallel(changed, person -> contacts.putIfUnchanged(person.contact(), person.readAsNew()));
            Map<String, List<ImportRow>> lost = new LinkedHashMap<>();
            Map<String, Contact> stored = new HashMap<>();
            for (int i = 0; i < changed.size(); i++) {
                if (written.get(i).isEmpty()) {
                    lost.put(changed.get(i).contactId(), pending.get(changed.get(i).contactId()));
                } else {
                    stored.put(changed.get(i).contactId(), written.get(i).get());
                }
            }
            for (Person person : people) {
                if (!lost.containsKey(person.contactId())) {
                    settled.put(person.contactId(), person.as(stored.getOrDefault(person.contactId(), person.contact())));
                    for (RowOutcome outcome : person.outcomes()) {
                        counts = counts.with(outcome);
                    }
                }
            }
            pending = lost;
        }
        suppressErasedSinceRead(orgId, byContact, settled.values());
        List<WriteRequest> writes = new ArrayList<>();
        long expires = clock.instant().plus(REJECTION_RETENTION).getEpochSecond();
        for (ParsedRow.Rejected row : rejected) {
            writes.add(rejection(orgId, importId, row, expires));
            counts = counts.withRejected();
        }
        for (ParsedRow.Valid row : warned) {
            writes.add(warning(orgId, importId, row, expires));
            counts = counts.withWarnings(row.warnings().size());
        }
        batches.writeAll(writes);
        return counts;
    }

    /**
     * The one change a conditional put cannot see: an address with no contact, erased after the window read the
     * erasures and before the create, which {@code attribute_not_exists} lets through. So once the window is
     * written, the tombstones of the mailable contacts its rows created are read again (one batched read, none when
     * it created nobody mailable; a window replayed after a crash re-checks what it created before). An erasure
     * whose tombstone came before this read is caught here, and the contact is suppressed as the rules want of an
     * erased address, by a write on the version written, so that nothing later is overwritten. An erasure whose
     * tombstone comes after this read deletes the contact itself: it writes its tombstone first and deletes after,
     * when the contact exists. The rows still count as created.
     */
    private void suppressErasedSinceRead(String orgId, Map<String, List<ImportRow>> byContact, Collection<Person> settled) {
        List<Person> created = settled.stream()
                .filter(person -> person.outcomes().contains(RowOutcome.CREATED) && ContactMerge.mailable(person.contact()))
                .toList();
        if (created.isEmpty()) {
            return;
        }
        Set<String> erased = suppressions.erasedAddresses(orgId,
                        created.stream().map(person -> byContact.get(person.contactId()).get(0).email()).toList())
                .stream().map(ids::forEmail).collect(Collectors.toSet());
        for (Person person : created) {
            Optional<Contact> suppressed = erased.contains(person.contactId()) ? ContactMerge.suppress(person.contact()) : Optional.empty();
            if (suppressed.isPresent() && contacts.update(suppressed.get()).isEmpty()) {
                // changed since it was written, or deleted by the erasure: suppressed on a fresh read, if still there
                contacts.modify(orgId, person.contactId(), ContactMerge::suppress);
            }
        }
    }

    /** A person of the window: her rows merged onto the contact as read (or a new one), and how each row counts. */
    private record Person(String contactId, Contact contact, boolean readAsNew, boolean changed, List<RowOutcome> outcomes) {
        /** The same person with her contact as written. */
        Person as(Contact written) {
            return new Person(contactId, written, readAsNew, changed, outcomes);
        }
    }

    /** Reads the people's contacts and suppressions now, and merges their rows in file order. */
    private List<Person> mergeOntoStored(ContactMerge merge, String orgId, Map<String, List<ImportRow>> byContact) {
        Map<String, Contact> known = contacts.findAll(orgId, byContact.keySet());
        Set<String> suppressed = suppressions.suppressedAddresses(orgId,
                        byContact.values().stream().map(person -> person.get(0).email()).toList())
                .stream().map(ids::forEmail).collect(Collectors.toSet());
        List<Person> people = new ArrayList<>(byContact.size());
        for (Map.Entry<String, List<ImportRow>> person : byContact.entrySet()) {
            Contact contact = known.get(person.getKey());
            boolean readAsNew = contact == null;
            boolean changed = false;
            List<RowOutcome> outcomes = new ArrayList<>(person.getValue().size());
            for (ImportRow row : person.getValue()) {
                ContactMerge.Merged merged = merge.apply(contact, person.getKey(), row, suppressed.contains(person.getKey()));
                contact = merged.contact();
                changed |= merged.changed();
                outcomes.add(merged.outcome());
            }
            people.add(new Person(person.getKey(), contact, readAsNew, changed, List.copyOf(outcomes)));
        }
        return people;
    }

    private static WriteRequest rejection(String orgId, String importId, ParsedRow.Rejected row, long expires) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", AttributeValue.fromS(Keys.importRejections(orgId, importId)));
        item.put("SK", AttributeValue.fromS(Keys.rejectedLine(row.line())));
        item.put("type", AttributeValue.fromS("rejected-row"));
        item.put("line", AttributeValue.fromN(Long.toString(row.line())));
        item.put("reason", AttributeValue.fromS(row.reason()));
        item.put("values", AttributeValue.fromL(row.values().stream()
                .map(v -> AttributeValue.fromS(v == null ? "" : v)).toList()));
        item.put("ttl", AttributeValue.fromN(Long.toString(expires)));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    /** Kept like a rejected row (values included, so that erasure finds it by the address), one item per line. */
    private static WriteRequest warning(String orgId, String importId, ParsedRow.Valid row, long expires) {
        long line = row.row().line();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", AttributeValue.fromS(Keys.importRejections(orgId, importId)));
        item.put("SK", AttributeValue.fromS(Keys.warnedLine(line)));
        item.put("type", AttributeValue.fromS("warned-row"));
        item.put("line", AttributeValue.fromN(Long.toString(line)));
        item.put("reason", AttributeValue.fromS(row.warnings().size() + " value(s) left out"));
        item.put("warnings", AttributeValue.fromL(row.warnings().stream().map(w -> AttributeValue.fromM(Map.of(
                "column", AttributeValue.fromS(w.column()),
                "value", AttributeValue.fromS(w.value() == null ? "" : w.value()),
                "reason", AttributeValue.fromS(w.reason())))).toList()));
        item.put("values", AttributeValue.fromL(row.values().stream()
                .map(v -> AttributeValue.fromS(v == null ? "" : v)).toList()));
        item.put("ttl", AttributeValue.fromN(Long.toString(expires)));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
