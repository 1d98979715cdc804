package org.turnout.importing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * and warned rows, which nothing else writes, go in batch writes, alongside. A window's reads run
 * while the window before it is written ({@link #readAhead}), so that the writes do not wait for
 * them; its writes start once the window before is durable, and a person of both is read only then,
 * so that she is read back as written, and counted as a duplicate.
 */
@Singleton
public record ContactImportWriter(ContactRepository contacts, ContactIds ids, BatchOperations batches, SuppressionService suppressions,
                                  Clock clock) {
    /** Rejected rows stay readable this long after the import, for its report. */
    static final Duration REJECTION_RETENTION = Duration.ofDays(30);
    /** Rounds of read, merge and conditional write before the window gives up (and is retried whole). */
    static final int MAX_ROUNDS = 5;

    /**
     * Groups the window's rows by person and starts reading her stored contact and suppressions, without
     * waiting: the reads run while the caller writes the {@code previous} window. The people of that window are
     * left out of this read and read when this window is written, once the previous one is durable, so that they
     * are found as written.
     */
    public Window readAhead(String orgId, List<ImportRow> rows, List<ParsedRow.Rejected> rejected, List<ParsedRow.Valid> warned,
                            Window previous) {
        Map<String, List<ImportRow>> byContact = new LinkedHashMap<>();
        for (ImportRow row : rows) {
            byContact.computeIfAbsent(ids.forEmail(row.email()), id -> new ArrayList<>()).add(row);
        }
        Map<String, List<ImportRow>> now = new LinkedHashMap<>(byContact);
        Set<String> deferred = new HashSet<>();
        if (previous != null) {
            for (String contactId : byContact.keySet()) {
                if (previous.byContact.containsKey(contactId)) {
                    deferred.add(contactId);
                    now.remove(contactId);
                }
            }
        }
        CompletableFuture<Stored> stored = now.isEmpty() ? CompletableFuture.completedFuture(Stored.NOTHING)
                : batches.ahead(() -> readStored(orgId, now));
        return new Window(orgId, byContact, List.copyOf(rejected), List.copyOf(warned), Set.copyOf(deferred), stored);
    }

    /** Writes a window read by {@link #readAhead}; returns once all its writes are durable. */
    public ImportCounts write(ContactMerge merge, String importId, Window window) {
        String orgId = window.orgId;
        Map<String, List<ImportRow>> byContact = window.byContact;
        // the rejected and warned rows go in while the contacts are written: nothing else writes them
        CompletableFuture<ImportCounts> noted = batches.ahead(() -> writeRowNotes(orgId, importId, window.rejected, window.warned));
        ImportCounts counts = ImportCounts.ZERO;
        Map<String, Person> settled = new LinkedHashMap<>();
        Map<String, List<ImportRow>> pending = byContact;
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw new IllegalStateException(pending.size() + " contact(s) of import " + importId + " of " + orgId
                        + " kept changing while the import wrote them");
            }
            Stored stored = round == 1 ? firstRead(window) : readStored(orgId, pending);
            List<Person> people = mergeOntoStored(merge, pending, stored);
            List<Person> changed = people.stream().filter(Person::changed).toList();
            List<Optional<Contact>> written = batches.eachInParallel(changed, person -> contacts.putIfUnchanged(person.contact(), person.readAsNew()));
            Map<String, List<ImportRow>> lost = new LinkedHashMap<>();
            Map<String, Contact> asWritten = new HashMap<>();
            for (int i = 0; i < changed.size(); i++) {
                if (written.get(i).isEmpty()) {
                    lost.put(changed.get(i).contactId(), pending.get(changed.get(i).contactId()));
                } else {
                    asWritten.put(changed.get(i).contactId(), written.get(i).get());
                }
            }
            for (Person person : people) {
                if (!lost.containsKey(person.contactId())) {
                    settled.put(person.contactId(), person.as(asWritten.getOrDefault(person.contactId(), person.contact())));
                    for (RowOutcome outcome : person.outcomes()) {
                        counts = counts.with(outcome);
                    }
                }
            }
            pending = lost;
        }
        suppressErasedSinceRead(orgId, byContact, settled.values());
        return counts.plus(BatchOperations.await(noted));
    }

    /** Stores the window's rejected and warned rows (batch writes); counts them. */
    private ImportCounts writeRowNotes(String orgId, String importId, List<ParsedRow.Rejected> rejected, List<ParsedRow.Valid> warned) {
        ImportCounts counts = ImportCounts.ZERO;
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

    /** What the window read ahead, with the people it left to read now that the previous window is written. */
    private Stored firstRead(Window window) {
        Stored ahead = BatchOperations.await(window.stored);
        if (window.deferred.isEmpty()) {
            return ahead;
        }
        Map<String, List<ImportRow>> deferred = new LinkedHashMap<>();
        window.deferred.forEach(contactId -> deferred.put(contactId, window.byContact.get(contactId)));
        return ahead.and(readStored(window.orgId, deferred));
    }

    /** The people's stored contacts and their suppressions, both read at once. */
    private Stored readStored(String orgId, Map<String, List<ImportRow>> byContact) {
        CompletableFuture<Map<String, Contact>> known = batches.ahead(() -> contacts.findAll(orgId, byContact.keySet()));
        Set<String> suppressed = suppressions.suppressedAddresses(orgId,
                        byContact.values().stream().map(person -> person.get(0).email()).toList())
                .stream().map(ids::forEmail).collect(Collectors.toSet());
        return new Stored(BatchOperations.await(known), suppressed);
    }

    /** A window of a file, its people grouped, their stored state being read ({@link #readAhead}). */
    public static final class Window {
        private final String orgId;
        private final Map<String, List<ImportRow>> byContact;
        private final List<ParsedRow.Rejected> rejected;
        private final List<ParsedRow.Valid> warned;
        private final Set<String> deferred;
        private final CompletableFuture<Stored> stored;

        private Window(String orgId, Map<String, List<ImportRow>> byContact, List<ParsedRow.Rejected> rejected,
                       List<ParsedRow.Valid> warned, Set<String> deferred, CompletableFuture<Stored> stored) {
            this.orgId = orgId;
            this.byContact = byContact;
            this.rejected = rejected;
            this.warned = warned;
            this.deferred = deferred;
            this.stored = stored;
        }
    }

    /** People's contacts as read (by contact id; absent when none) and the contact ids of the suppressed among them. */
    private record Stored(Map<String, Contact> known, Set<String> suppressed) {
        static final Stored NOTHING = new Stored(Map.of(), Set.of());

        Stored and(Stored other) {
            Map<String, Contact> allKnown = new HashMap<>(known);
            allKnown.putAll(other.known);
            Set<String> allSuppressed = new HashSet<>(suppressed);
            allSuppressed.addAll(other.suppressed);
            return new Stored(allKnown, allSuppressed);
        }
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

    /** Merges the people's rows in file order onto their contacts as read. */
    private List<Person> mergeOntoStored(ContactMerge merge, Map<String, List<ImportRow>> byContact, Stored stored) {
        Map<String, Contact> known = stored.known();
        Set<String> suppressed = stored.suppressed();
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
