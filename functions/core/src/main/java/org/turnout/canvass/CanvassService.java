package org.turnout.canvass;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.idmigration.MovedContactIds;
import org.turnout.importing.ContactField;
import org.turnout.problem.ConflictException;
import org.turnout.problem.FieldErrors;
import org.turnout.problem.InvalidInputException;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Takes canvass results: finds the door's contact (by id, email, or address at the station; an
 * address that is nobody yet becomes a contact without email), keeps the result once per
 * (contact, session), and puts the latest result on the contact (support, volunteer, outcome,
 * last canvassed) where segments can use it. Sending a batch again changes nothing.
 */
@ApplicationScoped
public class CanvassService {
    public static final int MAX_BATCH = 500;
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_ATTEMPTS = 5;

    private final ContactRepository contacts;
    private final ContactIds ids;
    private final MovedContactIds moved;
    private final DynamoDbTable<CanvassRecord> records;
    private final Clock clock;

    public CanvassService(ContactRepository contacts, ContactIds ids, MovedContactIds moved, TurnoutTable table, Clock clock) {
        this.contacts = contacts;
        this.ids = ids;
        this.moved = moved;
        this.records = table.items(CanvassRecord.SCHEMA);
        this.clock = clock;
    }

    /** @param result {@code recorded}, or {@code duplicate} when this session's result for this contact was already in */
    public record Receipt(int index, String contactId, String result, boolean contactCreated) {
    }

    public record Receipts(List<Receipt> results) {
    }

    private record Checked(CanvassSubmission.Entry entry, String session, String canvasser, Instant at, DoorAddress door,
                           String station, String contactId) {
    }

    public Receipts submit(String orgId, CanvassSubmission submission) {
        List<CanvassSubmission.Entry> entries = submission.entries();
        FieldErrors errors = new FieldErrors();
        if (entries.isEmpty()) {
            throw InvalidInputException.of("results", "must hold at least one result");
        }
        if (entries.size() > MAX_BATCH) {
            throw InvalidInputException.of("results", "at most " + MAX_BATCH + " results a request");
        }
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = path(submission, i);
            checked.add(check(entries.get(i), submission, path, errors));
        }
        errors.throwIfAny();
        for (int i = 0; i < checked.size(); i++) {
            Checked c = checked.get(i);
            if (c.contactId() != null && contacts.find(orgId, c.contactId()).isEmpty()) {
                // a walk list printed before the contact ids became keyed carries the old id
                String current = moved.current(orgId, c.contactId());
                if (!current.equals(c.contactId()) && contacts.find(orgId, current).isPresent()) {
                    checked.set(i, new Checked(c.entry(), c.session(), c.canvasser(), c.at(), c.door(), c.station(), current));
                    continue;
                }
                errors.add(path(submission, i) + (c.entry().contactId() != null ? "contactId" : "email"), "is no contact of this organisation");
            }
        }
        errors.throwIfAny(); // nothing is written unless every door is known
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            receipts.add(apply(orgId, i, checked.get(i)));
        }
        return new Receipts(receipts);
    }

    private Checked check(CanvassSubmission.Entry e, CanvassSubmission s, String path, FieldErrors errors) {
        String session = errors.text(path + "session", e.session() != null ? e.session() : s.session(), true, 100);
        if (session != null && !SESSION.matcher(session).matches()) {
            errors.add(path + "session", "must be letters, digits, '.', '_', ':' or '-' (for example 2026-11-28-nord)");
        }
        String canvasser = errors.text(path + "canvasser", e.canvasser() != null ? e.canvasser() : s.canvasser(), true, 100);
        Instant at = null;
        String atText = errors.text(path + "at", e.at() != null ? e.at() : s.at(), true, 40);
        if (atText != null) {
            try {
                at = Instant.parse(atText);
                if (at.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
                    errors.add(path + "at", "is in the future");
                }
            } catch (DateTimeParseException ex) {
                errors.add(path + "at", "must be an instant (2026-11-28T15:30:00Z)");
            }
        }
        String outcome = errors.text(path + "outcome", e.outcome(), true, 20);
        if (outcome != null && !CanvassOutcome.ALL.contains(outcome)) {
            errors.add(path + "outcome", "must be one of " + String.join(", ", CanvassOutcome.ALL));
        }
        if (e.support() != null && (e.support() < 1 || e.support() > 5)) {
            errors.add(path + "support", "must be from 1 (opposed) to 5 (strong supporter)");
        }
        errors.text(path + "notes", e.notes(), false, 1000);
        errors.text(path + "firstName", e.firstName(), false, 100);
        errors.text(path + "lastName", e.lastName(), false, 100);
        errors.text(path + "phone", e.phone(), false, 40);
        String contactId = null;
        DoorAddress door = null;
        String station = null;
        if (e.contactId() != null) {
            contactId = e.contactId().strip();
            if (!contactId.matches("[0-9a-f]{32}")) {
                errors.add(path + "contactId", "is not a contact id (32 hexadecimal digits, as in the walk list)");
            }
        } else if (e.email() != null) {
            contactId = EmailAddress.parse(e.email()).map(ids::forEmail).orElse(null);
            if (contactId == null) {
                errors.add(path + "email", "is not a valid email address");
            }
        } else if (e.address() != null) {
            CanvassSubmission.Address a = e.address();
            String street = errors.text(path + "address.street", a.street(), true, 200);
            station = errors.text(path + "address.station", a.station(), true, 40);
            if (station != null && station.contains("#")) {
                errors.add(path + "address.station", "is not a polling station code");
            }
            String number = errors.text(path + "address.number", a.number(), false, 20);
            if (number != null && HouseNumber.parse(number).isEmpty()) {
                errors.add(path + "address.number", "must be a house number (12, 12 bis, 12B)");
            }
            String postcode = errors.text(path + "address.postcode", a.postcode(), false, 10);
            if (street != null) {
                door = DoorAddress.parse((number == null ? "" : number + " ") + street, postcode).orElse(null);
            }
        } else {
            errors.add(path + "contactId", "the door needs a contactId, an email or an address");
        }
        return new Checked(e, session, canvasser, at, door, station, contactId);
    }

    private Receipt apply(String orgId, int index, Checked c) {
        boolean created = false;
        String contactId = c.contactId();
        if (contactId == null) {
            Optional<Contact> known = livingAt(orgId, c);
            if (known.isPresent()) {
                contactId = known.get().contactId();
            } else {
                Contact contact = newContactAt(orgId, c);
                created = contacts.createIfAbsent(contact).isPresent();
                contactId = contact.contactId();
            }
        }
        CanvassRecord record = CanvassRecordBuilder.builder().orgId(orgId).contactId(contactId).session(c.session())
                .outcome(c.entry().outcome()).support(c.entry().support()).volunteer(c.entry().volunteer())
                .notes(c.entry().notes() == null ? null : c.entry().notes().strip()).canvasser(c.canvasser())
                .at(c.at()).recordedAt(clock.instant()).build();
        String result = "recorded";
        try {
            records.putItem(PutItemEnhancedRequest.builder(CanvassRecord.class).item(record)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build()).build());
        } catch (ConditionalCheckFailedException e) {
            // sent before: the first result of the session stands; putting it on the contact again is harmless
            result = "duplicate";
            String recordedFor = contactId;
            record = records.getItem(r -> r.key(Key.builder().partitionValue(Keys.contact(orgId, recordedFor))
                    .sortValue(Keys.canvassSk(c.session())).build()).consistentRead(true));
        }
        putOnContact(orgId, record);
        return new Receipt(index, contactId, result, created);
    }

    /** The latest result wins: an older one arriving late (a paper sheet typed in days after) does not overwrite it. */
    private void putOnContact(String orgId, CanvassRecord record) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Contact contact = contacts.find(orgId, record.contactId()).orElseThrow();
            Instant last = contact.lastCanvassedAt();
            if (last != null && record.at().isBefore(last)) {
                return;
            }
            Integer support = record.support() != null ? record.support() : contact.canvassSupport();
            Boolean volunteer = record.volunteer() != null ? record.volunteer() : contact.canvassVolunteer();
            if (record.at().equals(last) && Objects.equals(record.outcome(), contact.canvassOutcome())
                    && Objects.equals(support, contact.canvassSupport()) && Objects.equals(volunteer, contact.canvassVolunteer())) {
                return; // already on the contact
            }
            Contact canvassed = contact.with()
                    .canvassOutcome(record.outcome())
                    .canvassSupport(support)
                    .canvassVolunteer(volunteer)
                    .lastCanvassedAt(record.at())
                    .updatedAt(clock.instant())
                    .build();
            if (contacts.update(canvassed).isPresent()) {
                return;
            }
        }
        throw new ConflictException("the contact " + record.contactId() + " kept changing; send the result again");
    }

    private Optional<Contact> livingAt(String orgId, Checked c) {
        String lastName = c.entry().lastName() == null ? null : ContactField.normalise(c.entry().lastName());
        return contacts.atStation(orgId, c.station()).stream()
                .filter(contact -> DoorAddress.parse(contact.street(), contact.postcode())
                        .map(door -> sameDoor(door, c.door())).orElse(false))
                .filter(contact -> lastName == null || lastName.equals(ContactField.normalise(contact.lastName())))
                .findFirst();
    }

    private static boolean sameDoor(DoorAddress a, DoorAddress b) {
        return a.streetKey().equals(b.streetKey()) && Objects.equals(a.number(), b.number())
                && (a.postcode() == null || b.postcode() == null || a.postcode().equals(b.postcode()));
    }

    private Contact newContactAt(String orgId, Checked c) {
        Instant now = clock.instant();
        return ContactBuilder.builder()
                .orgId(orgId)
                .contactId(ids.forDoor(c.door().personKey(c.entry().lastName(), c.entry().firstName())))
                .firstName(blankToNull(c.entry().firstName()))
                .lastName(blankToNull(c.entry().lastName()))
                .phone(blankToNull(c.entry().phone()))
                .street(c.door().line())
                .postcode(c.door().postcode())
                .station(c.station())
                .status(ContactStatus.NO_EMAIL.code())
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    private static String path(CanvassSubmission submission, int index) {
        return submission.results() == null ? "" : "results[" + index + "].";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
