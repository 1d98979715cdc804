package org.turnout.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.MovableClock;
import org.turnout.audit.AuditTrail;
import org.turnout.aws.EmulatedStack;
import org.turnout.canvass.AddressRepository;
import org.turnout.canvass.WalkList;
import org.turnout.canvass.WalkListService;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactIds;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.importing.ImportSource;
import org.turnout.local.Emulator;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.precinct.ElectionProblem;
import org.turnout.problem.InvalidInputException;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The hand-checked roll of rolls/README.md through the real path (S3 object -> RollImportService ->
 * DynamoDB -> walk list), and its life: refused without an election date, read until its retention
 * ends, stamped again when the date moves, purged. Time comes from a clock the test moves.
 */
class ElectoralRollTest {
    @RegisterExtension
    static final EmulatedStack STACK = new EmulatedStack(Emulator.DYNAMODB, Emulator.S3);
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static String bucket;
    private static MovableClock clock;
    private static OrganisationRepository organisations;
    private static ContactRepository contacts;
    private static VoterRepository voters;
    private static ElectoralRollService roll;
    private static RollImportService imports;
    private static WalkListService walkLists;
    private String org;

    @BeforeAll
    static void startStack() {
        bucket = STACK.bucket();
        TurnoutTable table = STACK.table();
        BatchOperations batches = new BatchOperations(table, 8);
        clock = new MovableClock(Instant.parse("2026-02-20T09:00:00Z"));
        organisations = new OrganisationRepository(table);
        contacts = new ContactRepository(table, batches);
        voters = new VoterRepository(table, batches);
        roll = new ElectoralRollService(voters, organisations, new AuditTrail(table, clock), clock);
        imports = new RollImportService(organisations, voters, new ContactEnumerator(table), STACK.aws(), clock);
        walkLists = new WalkListService(contacts, new AddressRepository(table, batches), roll);
    }

    @BeforeEach
    void organisation() {
        clock.set(Instant.parse("2026-02-20T09:00:00Z"));
        org = "roll-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Saint-Exemple")
                .timeZone("Europe/Paris")
                .build();
        organisations.create(organisation);
    }

    @Test
    void theMinistryLayoutGivesEveryVoterAtTheirDoorMatchedToTheContactTheyAre() throws IOException {
        contact("marie-claire@example.org", "Marie-Claire", "Durand", "12 rue de la Paix", "33999", "0001", ContactStatus.SUBSCRIBED, "06 11 22 33 44");
        contact("paul@example.org", "Paul", "DURAND", "12, Rue de la Paix", null, null, ContactStatus.SUBSCRIBED, "06 55 44 33 22");
        contact("ana@example.org", "Ana", "Lopez", "14 rue de la Paix", "33999", "0001", ContactStatus.SUBSCRIBED, null);
        contact("jean@example.org", "Jean", "Petit", "7 bis rue de la Paix", "33999", "0001", ContactStatus.IMPORTED, null);
        roll.setRetention(org, new RetentionSettings("2026-03-15", 10), "owner-1");

        ImportSource source = upload("liste-electorale-saint-exemple.csv");
        assertThat(imports.run(source)).isEqualTo(ElectionImportService.Run.DONE);

        RollImport report = voters.findImport(org, source.importId()).orElseThrow();
        assertThat(List.of(report.rows(), report.voters(), report.doors(), report.matched(), report.rejected()))
                .containsExactly(12L, 10L, 8L, 2L, 2L);
        // a street number that is none ("x") costs the voter only the number: a warning, not a rejection
        assertThat(report.problems()).extracting(ElectionProblem::line, ElectionProblem::kind, ElectionProblem::message).containsExactly(
                tuple(11L, ElectionProblem.REJECTED, "no polling station"),
                tuple(12L, ElectionProblem.REJECTED, "no street nor locality: no door to knock at"),
                tuple(13L, ElectionProblem.WARNING, "the street number is not a number: the voter is kept at the street without it"));

        WalkList list = walkLists.walkList(org, "0001", 50);
        assertThat(rows(list)).containsExactly(
                "Allée DES CHÊNES|2|even|Chloé ROUX|-",
                "Allée DES CHÊNES|4|even|Hans SCHMIDT|-",
                "LE MOULIN NEUF||none|Lucie BLANC|-",
                "RUE DE LA PAIX|5|odd|Ana LOPEZ (APPT 12, BAT B)|-",
                // two voters of the same names, father and son, and a contact who could be either: nobody guesses
                "RUE DE LA PAIX|7 bis|odd|Jean Pierre PETIT|-",
                "RUE DE LA PAIX|7 bis|odd|Jean Pierre PETIT|-",
                "RUE DE LA PAIX|7 bis|odd|Jean Petit|" + id("jean@example.org"),
                // once each: as the voter, with the contact's id and consented phone
                "RUE DE LA PAIX|12|even|Paul DURAND|" + id("paul@example.org") + "|06 55 44 33 22",
                "RUE DE LA PAIX|12|even|Marie Claire Anne DURAND|" + id("marie-claire@example.org") + "|06 11 22 33 44",
                // a contact not on the roll (another door), as before
                "RUE DE LA PAIX|14|even|Ana Lopez|" + id("ana@example.org"),
                // her street number "x" is none: she is kept at her street, after its numbered doors
                "RUE DE LA PAIX||none|Zoé ROSE|-");
        assertThat(rows(walkLists.walkList(org, "0002", 50))).containsExactly("Boulevard AILLEURS|3|odd|Marc NOIR|-");

        // the matched voters are found from the person, for the privacy export and erasure
        ElectoralRollPersonalData personalData = new ElectoralRollPersonalData(voters);
        assertThat(personalData.export(org, id("marie-claire@example.org"))).asList().singleElement().asString()
                .contains("station=0001", "birthName=MARTIN", "usedName=DURAND", "address=12 RUE DE LA PAIX");
        assertThat(personalData.erase(org, id("paul@example.org"))).isEqualTo(1);
        assertThat(personalData.export(org, id("paul@example.org"))).asList().isEmpty();
        assertThat(walkLists.walkList(org, "0001", 50).turfs().get(0).doors()).flatExtracting(WalkList.Door::residents)
                .extracting(WalkList.Resident::name).doesNotContain("Paul DURAND");
    }

    @Test
    void spelledOutHeadersCommasAndWindows1252GiveTheSameVoters() throws IOException {
        roll.setRetention(org, new RetentionSettings("2026-03-15", 10), "owner-1");
        assertThat(imports.run(upload("extraction-reu-saint-exemple-windows1252.csv"))).isEqualTo(ElectionImportService.Run.DONE);

        assertThat(roll.votersAt(org, "0001")).extracting(Voter::displayName).containsExactlyInAnyOrder(
                "Marie Claire Anne DURAND", "Paul DURAND", "Ana LOPEZ", "Jean Pierre PETIT", "Jean Pierre PETIT", "Chloé ROUX",
                "Hans SCHMIDT", "Lucie BLANC", "Zoé ROSE");
        assertThat(roll.votersAt(org, "0002")).extracting(Voter::street, Voter::number)
                .containsExactly(tuple("Boulevard AILLEURS", "3"));
    }

    @Test
    void aRollIsRefusedWhileTheOrganisationHasNoElectionDateOrItsRetentionHasPassed() throws IOException {
        ImportSource source = upload("liste-electorale-saint-exemple.csv");
        assertThat(imports.run(source)).isEqualTo(ElectionImportService.Run.FAILED);
        assertThat(voters.findImport(org, source.importId()).orElseThrow().failure()).startsWith("the organisation has no election date");
        assertThat(voters.atStation(org, "0001")).isEmpty();

        roll.setRetention(org, new RetentionSettings("2026-01-10", 30), "owner-1");
        ImportSource late = upload("liste-electorale-saint-exemple.csv");
        assertThat(imports.run(late)).isEqualTo(ElectionImportService.Run.FAILED);
        assertThat(voters.findImport(org, late.importId()).orElseThrow().failure())
                .isEqualTo("the election of 2026-01-10 and the 30 days the roll is kept after it have passed: "
                        + "an owner sets the next election date before the roll is imported");
        assertThat(voters.atStation(org, "0001")).isEmpty();
    }

    @Test
    void theRetentionIsCheckedAndEachFieldNamed() {
        assertThatThrownBy(() -> roll.setRetention(org, new RetentionSettings("15/03/2026", 181), "owner-1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field()).containsExactly("electionDate", "retentionDays"));
        assertThatThrownBy(() -> roll.setRetention(org, new RetentionSettings(null, null), "owner-1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field()).containsExactly("electionDate", "retentionDays"));
    }

    @Test
    void votersLastUntilTheEndOfTheRetentionAreStampedAgainWhenTheDateMovesAndArePurged() throws IOException {
        contact("marie-claire@example.org", "Marie-Claire", "Durand", "12 rue de la Paix", "33999", "0001", ContactStatus.SUBSCRIBED, null);
        roll.setRetention(org, new RetentionSettings("2026-03-15", 10), "owner-1");
        assertThat(imports.run(upload("liste-electorale-saint-exemple.csv"))).isEqualTo(ElectionImportService.Run.DONE);
        // the end of the 10th day after the election, in Paris
        long end = Instant.parse("2026-03-25T23:00:00Z").getEpochSecond();
        assertThat(voters.atStation(org, "0001")).hasSize(9).allSatisfy(voter -> assertThat(voter.ttl()).isEqualTo(end));

        clock.set(Instant.parse("2026-03-25T22:59:59Z"));
        assertThat(roll.votersAt(org, "0001")).hasSize(9);
        assertThat(roll.purgeExpired()).extracting(ElectoralRollService.Purge::orgId).doesNotContain(org);

        // a second round: the roll lives on until the end of its retention
        roll.setRetention(org, new RetentionSettings("2026-03-22", 10), "owner-1");
        long later = Instant.parse("2026-04-01T22:00:00Z").getEpochSecond(); // summer time by then
        assertThat(voters.atStation(org, "0001")).hasSize(9).allSatisfy(voter -> assertThat(voter.ttl()).isEqualTo(later));
        assertThat(new ElectoralRollPersonalData(voters).export(org, id("marie-claire@example.org"))).asList().singleElement().asString()
                .contains("deletedBy=2026-04-01T22:00:00Z");

        clock.set(Instant.parse("2026-04-01T22:00:00Z"));
        assertThat(roll.votersAt(org, "0001")).as("past its TTL, before DynamoDB deletes it").isEmpty();
        assertThat(walkLists.walkList(org, "0001", 50).turfs()).flatExtracting(WalkList.Turf::doors).flatExtracting(WalkList.Door::residents)
                .extracting(WalkList.Resident::name).containsExactly("Marie-Claire Durand");
        assertThat(voters.atStation(org, "0001")).as("still stored").hasSize(9);

        assertThat(roll.purgeExpired()).contains(new ElectoralRollService.Purge(org, 9 + 1));
        assertThat(voters.atStation(org, "0001")).isEmpty();
        assertThat(voters.atStation(org, "0002")).isEmpty();
        assertThat(voters.stations(org)).isEmpty();
        assertThat(voters.linkedTo(org, id("marie-claire@example.org"))).isEmpty();
        assertThat(new ElectoralRollPersonalData(voters).export(org, id("marie-claire@example.org"))).asList().isEmpty();
        assertThat(contacts.find(org, id("marie-claire@example.org"))).as("the contact stays").isPresent();
    }

    @Test
    void anOwnerDeletesTheRollNow() throws IOException {
        roll.setRetention(org, new RetentionSettings("2026-03-15", 10), "owner-1");
        assertThat(imports.run(upload("liste-electorale-saint-exemple.csv"))).isEqualTo(ElectionImportService.Run.DONE);

        assertThat(roll.purge(org, "owner-1")).isEqualTo(new ElectoralRollService.Purge(org, 10));
        assertThat(walkLists.walkList(org, "0001", 50).doorCount()).isZero();
        assertThat(voters.stations(org)).isEmpty();
        assertThat(roll.purge(org, "owner-1")).as("twice is harmless").isEqualTo(new ElectoralRollService.Purge(org, 0));
    }

    private static List<String> rows(WalkList list) {
        return list.turfs().stream().flatMap(turf -> turf.doors().stream())
                .flatMap(door -> door.residents().stream().map(resident -> door.street() + "|" + door.number() + "|" + door.side() + "|"
                        + resident.name() + "|" + (resident.contactId() == null ? "-" : resident.contactId())
                        + (resident.phone() == null ? "" : "|" + resident.phone())))
                .toList();
    }

    private static String id(String email) {
        return IDS.forEmail(EmailAddress.parse(email).orElseThrow());
    }

    private void contact(String email, String firstName, String lastName, String street, String postcode, String station,
                         ContactStatus status, String phone) {
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(id(email))
                .email(email)
                .firstName(firstName)
                .lastName(lastName)
                .street(street)
                .postcode(postcode)
                .station(station)
                .phone(phone)
                .status(status.code())
                .createdAt(clock.instant())
                .build();
        assertThat(contacts.createIfAbsent(contact)).isPresent();
    }

    private ImportSource upload(String fixture) throws IOException {
        byte[] bytes;
        try (InputStream in = ElectoralRollTest.class.getResourceAsStream("/rolls/" + fixture)) {
            bytes = in.readAllBytes();
        }
        String key = "rolls/" + org + "/" + UUID.randomUUID() + ".csv";
        String etag = STACK.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag();
        return new ImportSource(bucket, key, etag, bytes.length, clock.instant());
    }
}
