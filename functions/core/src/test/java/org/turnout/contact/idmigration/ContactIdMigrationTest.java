package org.turnout.contact.idmigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.audit.AuditEntry;
import org.turnout.audit.AuditTrail;
import org.turnout.aws.EmulatedStack;
import org.turnout.canvass.CanvassService;
import org.turnout.canvass.CanvassSubmission;
import org.turnout.canvass.DoorAddress;
import org.turnout.canvass.StoredDoor;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactOptOut;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.feedback.AppliedEvents;
import org.turnout.feedback.EventContacts;
import org.turnout.feedback.FeedbackEffects;
import org.turnout.feedback.FeedbackService;
import org.turnout.feedback.FeedbackSuppressions;
import org.turnout.feedback.MailingActivity;
import org.turnout.feedback.MailingItemCounters;
import org.turnout.local.Emulator;
import org.turnout.local.RepositoryRoot;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingRepository;
import org.turnout.mailing.MailingState;
import org.turnout.organisation.Language;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.privacy.ErasureTombstones;
import org.turnout.roll.Voter;
import org.turnout.roll.VoterBuilder;
import org.turnout.roll.VoterRepository;
import org.turnout.secrets.SecretStore;
import org.turnout.security.IpHasher;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSigner;
import org.turnout.security.RateLimiter;
import org.turnout.security.VisitorRateLimit;
import org.turnout.security.RateWindowRepository;
import org.turnout.sending.MailingSettlement;
import org.turnout.sending.SendOutcomes;
import org.turnout.sending.SendRecords;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.suppression.SuppressionEntry;
import org.turnout.suppression.SuppressionRepository;
import org.turnout.suppression.SuppressionService;
import org.turnout.unsubscribe.UnsubscribeRequests;
import org.turnout.unsubscribe.UnsubscribeService;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The migration to keyed contact ids, on the real DynamoDB emulator: an organisation's data is
 * written as the old scheme laid it out (ids from the plain hash, kept here only through
 * {@link LegacyContactIds}), the migration runs in short slices as an operator would run it, and
 * then every item is reachable under its new id and no key nor value of the table holds an old id.
 */
class ContactIdMigrationTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB);
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final int PEOPLE = 60;

    private static TurnoutTable table;
    private static ContactRepository contacts;
    private static SuppressionRepository suppressions;
    private static MailingRepository mailings;
    private static OrganisationRepository organisations;
    private static ErasureTombstones tombstones;
    private static MovedContactIds moved;
    private static AuditTrail audit;
    private static ContactIdMigration migration;

    private String org;

    @BeforeAll
    static void startStack() {
        table = STACK.table();
        BatchOperations batches = new BatchOperations(table, 4);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        contacts = new ContactRepository(table, batches);
        suppressions = new SuppressionRepository(table, batches);
        mailings = new MailingRepository(table);
        organisations = new OrganisationRepository(table);
        tombstones = new ErasureTombstones(table, batches, new SecretStore(id -> "test-pepper-0123456789", clock), Optional.of("erasure-pepper"));
        moved = new MovedContactIds(table, IDS);
        audit = new AuditTrail(table, clock);
        MigrationItems items = new MigrationItems(table);
        migration = new ContactIdMigration(items, organisations, mailings, new ContactMove(items, batches, IDS, moved, tombstones, clock), clock);
    }

    @BeforeEach
    void organisation() {
        org = STACK.createOrganisation("mig", "Migration test");
    }

    @Test
    void everyItemMovesToItsKeyedIdAndNothingIsLeftUnderTheOldOne() {
        Map<String, EmailAddress> people = new LinkedHashMap<>(); // old id -> address
        for (int i = 0; i < PEOPLE; i++) {
            EmailAddress address = address("person" + i + "@" + org + ".example.org");
            String oldId = LegacyContactIds.forEmailKey(address.key());
            people.put(oldId, address);
            contacts.createIfAbsent(contact(oldId, address, i % 3 == 0 ? "0007" : null));
        }
        List<String> oldIds = new ArrayList<>(people.keySet());
        String ana = oldIds.get(0);
        String ben = oldIds.get(1);

        // a door known by address only, and one whose name was corrected after it was first met
        DoorAddress door = DoorAddress.parse("12 rue de la Paix", "75002").orElseThrow();
        String doorOldId = LegacyContactIds.forDoor(door.personKey("Durand", "Léa"));
        contacts.createIfAbsent(doorContact(doorOldId, "Durand", "Léa"));
        String renamedOldId = LegacyContactIds.forDoor(door.personKey("Martin", "Paul"));
        contacts.createIfAbsent(doorContact(renamedOldId, "Martin", "Pierre"));

        // a canvass result beside Ana, a mailing sent to Ana and Ben with the SES events applied to Ana's message
        putRaw(Map.of("PK", s(Keys.contact(org, ana)), "SK", s(Keys.canvassSk("2026-11-28-nord")), "type", s("canvass"),
                "contactId", s(ana), "outcome", s("talked"), "support", AttributeValue.fromN("4")));
        Mailing mailing = mailing(MailingState.SENT);
        putRaw(Map.of("PK", s(Keys.sendRecords(org, mailing.mailingId())), "SK", s(Keys.sendRecordSk(ana)), "type", s("send-record"),
                "contactId", s(ana), "state", s("sent"), "messageId", s("msg-ana")));
        putRaw(Map.of("PK", s(Keys.sendRecords(org, mailing.mailingId())), "SK", s(Keys.sendRecordSk(ben)), "type", s("send-record"),
                "contactId", s(ben), "state", s("skipped")));
        putRaw(Map.of("PK", s(Keys.appliedFeedback(org, "msg-ana")), "SK", s(Keys.appliedFeedbackSk("Delivery", ana)), "type", s("ses-event")));

        // the suppression list: Ben, and an address that is no contact
        EmailAddress stranger = address("stranger@" + org + ".example.org");
        String strangerOldId = LegacyContactIds.forEmailKey(stranger.key());
        suppressions.addIfAbsent(org, new SuppressionEntry(ben, people.get(ben).value(), "bounce", "staff", NOW, "staff@test"));
        suppressions.addIfAbsent(org, new SuppressionEntry(strangerOldId, stranger.value(), "complaint", "staff", NOW, "staff@test"));

        // the audit trail: actions on Ana, on the stranger, and on someone erased since (held nowhere any more)
        String erasedOldId = LegacyContactIds.forEmailKey("gone@" + org + ".example.org");
        audit.record(org, "staff@test", "contact.export", "contact:" + ana, null);
        audit.record(org, "staff@test", "suppression.add", "contact:" + strangerOldId, "asked");
        audit.record(org, "staff@test", "contact.export", "contact:" + erasedOldId, null);
        audit.record(org, "staff@test", "import.request", "file:imports/" + org + "/liste.csv", null);

        List<ContactIdMigration.MigrationProgress> runs = runInSlicesOf(3);

        assertThat(runs.size()).as("the migration is cut into several runs, each going on from the checkpoint").isGreaterThan(3);
        ContactIdMigration.OrganisationMigration progress = progressOf(runs.get(runs.size() - 1));
        assertThat(progress.phase()).isEqualTo(ContactIdMigration.MigrationPhase.DONE);
        assertThat(progress.contactsMoved()).isEqualTo(PEOPLE + 2);
        assertThat(progress.suppressionsMoved()).isEqualTo(2);
        assertThat(progress.auditEntriesChanged()).isEqualTo(3);

        // every contact under its keyed id, with its data, its indexes and its shard
        for (Map.Entry<String, EmailAddress> person : people.entrySet()) {
            String newId = IDS.forEmail(person.getValue());
            Contact contact = contacts.find(org, newId).orElseThrow();
            assertThat(contact.email()).isEqualTo(person.getValue().value());
            assertThat(contact.firstName()).isEqualTo("First " + person.getValue().key().substring(0, person.getValue().key().indexOf('@')));
            assertThat(contacts.find(org, person.getKey())).isEmpty();
            assertThat(moved.current(org, person.getKey())).isEqualTo(newId);
            assertThat(indexed("GSI2", "GSI2PK", Keys.contactShard(org, newId))).contains(newId);
        }
        assertThat(contacts.atStation(org, "0007").stream().filter(c -> c.email() != null)).extracting(Contact::contactId)
                .containsExactlyInAnyOrderElementsOf(people.entrySet().stream()
                        .filter(p -> oldIds.indexOf(p.getKey()) % 3 == 0).map(p -> IDS.forEmail(p.getValue())).toList());

        String anaId = IDS.forEmail(people.get(ana));
        String benId = IDS.forEmail(people.get(ben));
        assertThat(itemsOf(Keys.contact(org, anaId))).extracting(i -> i.get("SK").s()).contains(Keys.canvassSk("2026-11-28-nord"));
        assertThat(item(Keys.contact(org, anaId), Keys.canvassSk("2026-11-28-nord")).get("contactId").s()).isEqualTo(anaId);
        assertThat(item(Keys.sendRecords(org, mailing.mailingId()), Keys.sendRecordSk(anaId)).get("contactId").s()).isEqualTo(anaId);
        assertThat(item(Keys.sendRecords(org, mailing.mailingId()), Keys.sendRecordSk(benId)).get("state").s()).isEqualTo("skipped");
        assertThat(item(Keys.appliedFeedback(org, "msg-ana"), Keys.appliedFeedbackSk("Delivery", anaId))).isNotEmpty();

        String doorNewId = IDS.forDoor(door.personKey("Durand", "Léa"));
        assertThat(contacts.find(org, doorNewId)).map(Contact::street).contains("12 rue de la Paix");
        String renamedNewId = moved.current(org, renamedOldId);
        assertThat(renamedNewId).isNotEqualTo(renamedOldId);
        assertThat(contacts.find(org, renamedNewId)).map(Contact::firstName).contains("Pierre");

        assertThat(suppressions.find(org, benId)).map(SuppressionEntry::email).contains(people.get(ben).value());
        assertThat(suppressions.find(org, IDS.forEmail(stranger))).map(SuppressionEntry::reason).contains("complaint");

        List<String> targets = audit.list(org, 50, null).items().stream().map(AuditEntry::target).toList();
        assertThat(targets).contains("contact:" + anaId, "contact:" + IDS.forEmail(stranger), "file:imports/" + org + "/liste.csv");
        assertThat(targets).anyMatch(t -> t.startsWith("contact-gone:"));

        // nothing of the organisation, key or value, names an old id any more
        List<String> everyOldId = new ArrayList<>(oldIds);
        everyOldId.addAll(List.of(doorOldId, renamedOldId, strangerOldId, erasedOldId));
        assertThat(textOfTheOrganisation()).allSatisfy(text -> assertThat(everyOldId).noneMatch(text::contains));

        // run again from the start (a lost checkpoint): nothing changes
        Map<String, String> before = snapshot();
        table.client().deleteItem(b -> b.tableName(table.name()).key(TurnoutTable.key(Keys.organisation(org), Keys.migrationSk(ContactIdMigration.NAME))));
        ContactIdMigration.OrganisationMigration again = progressOf(runInSlicesOf(1000).get(0));
        assertThat(again.phase()).isEqualTo(ContactIdMigration.MigrationPhase.DONE);
        assertThat(again.contactsMoved() + again.suppressionsMoved() + again.auditEntriesChanged()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anOrganisationWithAMailingSendingWaitsUntilItEnds() {
        EmailAddress address = address("ana@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        contacts.createIfAbsent(contact(oldId, address, null));
        Mailing sending = mailing(MailingState.SENDING);

        ContactIdMigration.OrganisationMigration waiting = progressOf(migration.run(() -> true));
        assertThat(waiting.waitingFor()).isEqualTo(sending.mailingId());
        assertThat(waiting.phase()).isEqualTo(ContactIdMigration.MigrationPhase.CONTACTS);
        assertThat(contacts.find(org, oldId)).isPresent();

        mailings.finish(org, sending.mailingId(), Map.of(), NOW);
        ContactIdMigration.OrganisationMigration done = progressOf(migration.run(() -> true));
        assertThat(done.phase()).isEqualTo(ContactIdMigration.MigrationPhase.DONE);
        assertThat(contacts.find(org, IDS.forEmail(address))).isPresent();
        assertThat(contacts.find(org, oldId)).isEmpty();
    }

    @Test
    void aPersonErasedAfterTheDeploymentIsNotBroughtBack() {
        EmailAddress address = address("erased@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        contacts.createIfAbsent(contact(oldId, address, null));
        suppressions.addIfAbsent(org, new SuppressionEntry(oldId, address.value(), "bounce", "ses-feedback", NOW, "ses-feedback"));
        // erasure under the keyed ids found no contact nor suppression entry at the new id, but left its tombstone
        tombstones.put(org, address, NOW);

        ContactIdMigration.OrganisationMigration done = progressOf(migration.run(() -> true));

        assertThat(done.contactsErased()).isEqualTo(2);
        assertThat(contacts.find(org, oldId)).isEmpty();
        assertThat(contacts.find(org, IDS.forEmail(address))).isEmpty();
        assertThat(suppressions.find(org, oldId)).isEmpty();
        assertThat(suppressions.find(org, IDS.forEmail(address))).isEmpty();
    }

    @Test
    void aPersonWhoCameInAgainUnderTheNewIdKeepsTheItemChangedLast() {
        EmailAddress address = address("back@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        Contact old = contact(oldId, address, null).with().updatedAt(NOW.minusSeconds(3600)).build();
        contacts.createIfAbsent(old);
        Contact fresh = contact(IDS.forEmail(address), address, null).with()
                .firstName("Signed up again")
                .status(ContactStatus.PENDING.code())
                .updatedAt(NOW.minusSeconds(60))
                .build();
        contacts.createIfAbsent(fresh);

        progressOf(migration.run(() -> true));

        assertThat(contacts.find(org, IDS.forEmail(address))).map(Contact::firstName).contains("Signed up again");
        assertThat(contacts.find(org, oldId)).isEmpty();
    }

    @Test
    void theVoterOfTheRollMatchedToAContactMovesWithIt() {
        EmailAddress address = address("voter@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        String newId = IDS.forEmail(address);
        contacts.createIfAbsent(contact(oldId, address, "0007"));
        VoterRepository voters = new VoterRepository(table, new BatchOperations(table, 4));
        Voter voter = VoterBuilder.builder().orgId(org).station("0007").storedDoor(new StoredDoor("rue de la paix#12#75002", null, null, null))
                .person("martin|anne|1970").birthName("MARTIN").firstNames("Anne").contactId(oldId).importId("roll-1")
                .ttl(NOW.plusSeconds(86_400).getEpochSecond()).build();
        voters.writeAll(List.of(voter));
        assertThat(voters.linkedTo(org, oldId)).hasSize(1);

        progressOf(migration.run(() -> true));

        assertThat(voters.linkedTo(org, newId)).extracting(Voter::birthName, Voter::contactId).containsExactly(tuple("MARTIN", newId));
        assertThat(voters.linkedTo(org, oldId)).isEmpty();
        assertThat(itemsOf(Keys.contact(org, oldId))).as("nothing left under the old id").isEmpty();
        assertThat(voters.atStation(org, "7")).extracting(Voter::contactId).containsExactly(newId);
        // the roll deleted: the link beside the moved contact goes with its voter
        assertThat(voters.deleteAll(voters.atStation(org, "7"))).isEqualTo(1);
        assertThat(itemsOf(Keys.contact(org, newId))).extracting(item -> item.get("SK").s()).doesNotContain(Keys.voterLinkSk("7", voter.sk()));
        assertThat(itemsOf(Keys.contact(org, newId))).extracting(item -> item.get("SK").s()).noneMatch(sk -> sk.startsWith(Keys.VOTER_LINK_PREFIX));
    }

    @Test
    void erasingAMovedContactErasesTheWayItsOldIdLedToIt() {
        EmailAddress address = address("moved.erased@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        String newId = IDS.forEmail(address);
        contacts.createIfAbsent(contact(oldId, address, null));
        progressOf(migration.run(() -> true));
        assertThat(moved.current(org, oldId)).isEqualTo(newId);
        assertThat(moved.export(org, newId)).isNotNull();

        assertThat(moved.erase(org, newId)).isEqualTo(2);

        assertThat(moved.current(org, oldId)).as("the old id leads nowhere").isEqualTo(oldId);
        assertThat(moved.export(org, newId)).isNull();
        assertThat(moved.erase(org, newId)).as("erasing again finds nothing").isZero();
    }

    @Test
    void anUnsubscribeLinkSentBeforeTheMigrationStillUnsubscribes() {
        EmailAddress address = address("reader@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        contacts.createIfAbsent(contact(oldId, address, null));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        LinkSigner signer = new LinkSigner(new SecretStore(id -> "{\"kid\":\"k1\",\"secret\":\"0123456789abcdef0123456789abcdef\"}", clock),
                Optional.of("link-keys"), clock);
        String token = signer.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, org, oldId, null), Duration.ofDays(365));

        progressOf(migration.run(() -> true));
        VisitorRateLimit visitors = new VisitorRateLimit(new RateLimiter(new RateWindowRepository(table), clock),
                new IpHasher(new SecretStore(id -> "test-pepper-0123456789", clock), Optional.of("ip-pepper")));
        UnsubscribeService unsubscribe = new UnsubscribeService(new UnsubscribeRequests(signer, organisations, visitors, 300),
                new ContactOptOut(contacts), moved, (orgId, mailingId, counter, at) -> { }, clock);

        assertThat(unsubscribe.unsubscribe(token, "192.0.2.1", Language.FR).valid()).isTrue();
        assertThat(contacts.find(org, IDS.forEmail(address))).map(Contact::statusValue).contains(ContactStatus.UNSUBSCRIBED);
    }

    @Test
    void aWalkListPrintedBeforeTheMigrationStillTakesResults() {
        EmailAddress address = address("door@" + org + ".example.org");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        contacts.createIfAbsent(contact(oldId, address, "0007"));

        progressOf(migration.run(() -> true));
        CanvassService canvass = new CanvassService(contacts, IDS, moved, table, Clock.fixed(NOW, ZoneOffset.UTC));
        CanvassService.Receipts receipts = canvass.submit(org, new CanvassSubmission("2026-12-05-nord", "Camille", NOW.minusSeconds(600).toString(),
                null, oldId, null, null, null, null, null, "talked", 5, true, null));

        String newId = IDS.forEmail(address);
        assertThat(receipts.results()).extracting(CanvassService.Receipt::contactId).containsExactly(newId);
        assertThat(contacts.find(org, newId)).map(Contact::canvassSupport).contains(5);
        assertThat(item(Keys.contact(org, newId), Keys.canvassSk("2026-12-05-nord"))).isNotEmpty();
    }

    @Test
    void aComplaintAboutAnEmailSentBeforeTheMigrationSuppressesThePerson() throws IOException {
        EmailAddress address = address("complaint@simulator.amazonses.com");
        String oldId = LegacyContactIds.forEmailKey(address.key());
        contacts.createIfAbsent(contact(oldId, address, null));
        Mailing mailing = mailing(MailingState.SENT);
        progressOf(migration.run(() -> true));

        // the event of a message sent before: its contact tag is the old id
        String snsEvent = Files.readString(RepositoryRoot.locate().path().resolve("events/sns-ses-complaint.json"))
                .replace("${ORG}", org).replace("${MAILING}", mailing.mailingId()).replace("${CONTACT}", oldId)
                .replace("${MESSAGE_ID}", "msg-before");
        String sesEvent = new ObjectMapper().readTree(snsEvent).path("Records").path(0).path("Sns").path("Message").asText();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        BatchOperations batches = new BatchOperations(table, 4);
        SendRecords records = new SendRecords(table);
        FeedbackService feedback = new FeedbackService(new EventContacts(IDS, moved),
                new FeedbackEffects(contacts, new FeedbackSuppressions(new ContactOptOut(contacts), contacts, tombstones,
                        new SuppressionService(suppressions, contacts, IDS, tombstones, audit, clock)),
                        new SendOutcomes(records, mailings, clock),
                        new MailingSettlement(mailings, records, new SendOutcomes(records, mailings, clock), clock)),
                new AppliedEvents(table, clock), new MailingItemCounters(new MailingRepository(table), new MailingActivity(table)), clock);

        assertThat(feedback.apply(sesEvent)).containsExactly(FeedbackService.Outcome.APPLIED);

        String newId = IDS.forEmail(address);
        assertThat(contacts.find(org, newId)).map(Contact::statusValue).contains(ContactStatus.COMPLAINED);
        assertThat(suppressions.find(org, newId)).map(SuppressionEntry::source).contains("complaint");
        assertThat(suppressions.find(org, oldId)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** Runs as an operator does, again and again until done, each run allowed {@code pages} pages. */
    private List<ContactIdMigration.MigrationProgress> runInSlicesOf(int pages) {
        List<ContactIdMigration.MigrationProgress> runs = new ArrayList<>();
        for (int run = 0; run < 200; run++) {
            AtomicInteger left = new AtomicInteger(pages);
            BooleanSupplier timeLeft = () -> left.getAndDecrement() > 0;
            ContactIdMigration.MigrationProgress progress = migration.run(timeLeft);
            runs.add(progress);
            if (progressOf(progress).phase() == ContactIdMigration.MigrationPhase.DONE) {
                return runs;
            }
        }
        throw new AssertionError("the migration did not end");
    }

    private ContactIdMigration.OrganisationMigration progressOf(ContactIdMigration.MigrationProgress progress) {
        return progress.organisations().stream().filter(o -> o.organisation().equals(org)).findFirst().orElseThrow();
    }

    private Contact contact(String contactId, EmailAddress address, String station) {
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(contactId)
                .email(address.value())
                .firstName("First " + address.key().substring(0, address.key().indexOf('@')))
                .station(station)
                .status(ContactStatus.SUBSCRIBED.code())
                .createdAt(NOW.minusSeconds(86400))
                .updatedAt(NOW.minusSeconds(86400))
                .build();
        return contact;
    }

    private Contact doorContact(String contactId, String lastName, String firstName) {
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(contactId)
                .lastName(lastName)
                .firstName(firstName)
                .street("12 rue de la Paix")
                .postcode("75002")
                .station("0007")
                .status(ContactStatus.NO_EMAIL.code())
                .createdAt(NOW.minusSeconds(86400))
                .updatedAt(NOW.minusSeconds(86400))
                .build();
        return contact;
    }

    private Mailing mailing(MailingState state) {
        Mailing mailing = MailingBuilder.builder()
                .orgId(org)
                .mailingId(UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .state(state.code())
                .fromAddress("equipe@" + org + ".example.org")
                .subject("Bonjour")
                .text("Bonjour")
                .build();
        mailings.create(mailing);
        return mailing;
    }

    private static EmailAddress address(String raw) {
        return EmailAddress.parse(raw).orElseThrow();
    }

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    private static void putRaw(Map<String, AttributeValue> item) {
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return table.client().getItem(b -> b.tableName(table.name()).key(TurnoutTable.key(pk, sk)).consistentRead(true)).item();
    }

    private static List<Map<String, AttributeValue>> itemsOf(String pk) {
        return table.client().query(b -> b.tableName(table.name()).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk))).consistentRead(true)).items();
    }

    private static List<String> indexed(String index, String partitionName, String partition) {
        List<String> ids = new ArrayList<>();
        table.client().queryPaginator(b -> b.tableName(table.name()).indexName(index).keyConditionExpression(partitionName + " = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(partition))))
                .forEach(page -> page.items().forEach(i -> ids.add(i.get("GSI2SK").s())));
        return ids;
    }

    /** Every item of this organisation (its keys start with it), read by a scan of the table. */
    private List<Map<String, AttributeValue>> itemsOfTheOrganisation() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true))
                .forEach(page -> page.items().stream()
                        .filter(i -> i.get("PK").s().startsWith(Keys.organisation(org)))
                        .forEach(items::add));
        return items;
    }

    /** Every text of the organisation's items: each key and each string, list and map value, flattened. */
    private List<String> textOfTheOrganisation() {
        List<String> texts = new ArrayList<>();
        for (Map<String, AttributeValue> item : itemsOfTheOrganisation()) {
            item.values().forEach(value -> texts.add(flatten(value)));
        }
        return texts;
    }

    private static String flatten(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.hasL()) {
            return value.l().stream().map(ContactIdMigrationTest::flatten).toList().toString();
        }
        if (value.hasM()) {
            Map<String, String> flat = new HashMap<>();
            value.m().forEach((k, v) -> flat.put(k, flatten(v)));
            return flat.toString();
        }
        return value.toString();
    }

    private Map<String, String> snapshot() {
        Map<String, String> items = new HashMap<>();
        for (Map<String, AttributeValue> item : itemsOfTheOrganisation()) {
            if (!item.get("SK").s().equals(Keys.migrationSk(ContactIdMigration.NAME))) {
                items.put(item.get("PK").s() + "|" + item.get("SK").s(), new TreeMap<>(item).toString());
            }
        }
        return items;
    }
}
