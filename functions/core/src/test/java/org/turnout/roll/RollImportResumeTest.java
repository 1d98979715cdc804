package org.turnout.roll;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.audit.AuditTrail;
import org.turnout.canvass.AddressImportService;
import org.turnout.canvass.AddressRepository;
import org.turnout.canvass.WalkList;
import org.turnout.canvass.WalkListService;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactEnumerator;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactRepository;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;
import org.turnout.importing.ImportSource;
import org.turnout.importing.ImportTestStack;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.ElectionImportService;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;

/**
 * A roll too long for one invocation goes on in new ones (the clock is fixed, and a deadline at
 * that instant is a budget already spent), and so does one whose download is cut off (WireMock in
 * front of S3Proxy cuts it): both end with the figures and walk lists of one pass. A newer extract
 * replaces the roll; a station is one station however the roll, the contacts and the address file
 * write it. Real S3Proxy and dynalite.
 */
class RollImportResumeTest {
    private static final Instant NOW = Instant.parse("2026-02-20T09:00:00Z");
    private static final ContactIds IDS = new ContactIds("test-contact-id-key-0123456789");
    private static final AtomicInteger UPLOADS = new AtomicInteger();
    private static final String HEADER = "NoBureauDeVote;NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;NumeroVoie;TypeVoie;LibelleVoie;CodePostal\n";
    /** Rows of the roll matched to a contact, in the first, second and third windows. */
    private static final int[] MATCHED = {5, 505, 1005};
    @RegisterExtension
    static final ImportTestStack STACK = new ImportTestStack(NOW);
    private static OrganisationRepository organisations;
    private static ContactRepository contacts;
    private static VoterRepository voters;
    private static AddressRepository addresses;
    private static ElectoralRollService roll;
    private static RollImportService imports;
    private static WalkListService walkLists;
    private static ContactEnumerator enumerator;

    @BeforeAll
    static void services() {
        TurnoutTable table = STACK.table();
        BatchOperations batches = new BatchOperations(table, 8);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        organisations = new OrganisationRepository(table);
        contacts = new ContactRepository(table, batches);
        voters = new VoterRepository(table, batches);
        addresses = new AddressRepository(table, batches);
        roll = new ElectoralRollService(voters, organisations, new AuditTrail(table, clock), clock);
        enumerator = new ContactEnumerator(table);
        imports = new RollImportService(organisations, voters, enumerator, STACK.aws(), clock);
        walkLists = new WalkListService(contacts, addresses, roll);
    }

    @Test
    void aLongRollGoesOnInNewInvocationsWithTheFiguresAndWalkListOfOnePass() {
        byte[] file = rollFile(IntStream.rangeClosed(1, 1300));

        String once = organisation();
        ImportSource onePass = upload(once, file);
        assertThat(imports.run(onePass, NOW.plusSeconds(900))).isEqualTo(ElectionImportService.Run.DONE);

        String inParts = organisation();
        ImportSource resumed = upload(inParts, file);
        int invocations = ImportTestStack.invokeUntilDone(() -> imports.run(resumed, NOW), done -> {
            RollImport handedOver = voters.findImport(inParts, resumed.importId()).orElseThrow();
            assertThat(handedOver.progress().rows()).isEqualTo(500L * done);
            assertThat(handedOver.rows()).as("counted with the checkpoint").isEqualTo(500L * done);
            assertThat(handedOver.progress().leaseUntil()).isNull();
        });

        assertThat(invocations).as("1,300 rows in windows of 500").isEqualTo(3);
        assertSameAsOnePass(once, onePass, inParts, resumed, List.of(RollImport.DONE, 1300L, 1300L, 1297L, 3L, 0L));
        assertThat(voters.findImport(inParts, resumed.importId()).orElseThrow().progress()).isNull();
        assertThat(imports.run(resumed, NOW)).as("done: the event delivered again does nothing").isEqualTo(ElectionImportService.Run.SKIPPED);
    }

    @Test
    void aCutOffDownloadResumesFromTheCheckpointWithARangedRead() {
        byte[] file = rollFile(IntStream.rangeClosed(1, 3000));
        String once = organisation();
        ImportSource onePass = upload(once, file);
        assertThat(imports.run(onePass)).isEqualTo(ElectionImportService.Run.DONE);

        String cut = organisation();
        ImportSource source = upload(cut, file);
        // the first download stops in the fifth window, past the 64 KiB the dialect is told from
        int cutAt = startOfRow(file, 2200) + 4;
        assertThat(cutAt).isGreaterThan(64 * 1024);
        STACK.cutTheWholeDownload(source, file, cutAt);
        RollImportService importsThroughFaults = new RollImportService(organisations, voters, enumerator, STACK.csvThroughFaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(importsThroughFaults.run(source, NOW.plusSeconds(900))).isEqualTo(ElectionImportService.Run.CONTINUE);
        RollImport handedOver = voters.findImport(cut, source.importId()).orElseThrow();
        assertThat(handedOver.progress().readAttempts()).isEqualTo(1);
        assertThat(handedOver.progress().rows()).as("four windows checkpointed").isEqualTo(2000L);
        long checkpoint = handedOver.progress().nextByte();
        assertThat(checkpoint).isEqualTo(startOfRow(file, 2001));

        assertThat(importsThroughFaults.run(source, NOW.plusSeconds(900))).isEqualTo(ElectionImportService.Run.DONE);

        List<LoggedRequest> downloads = STACK.downloads(source);
        assertThat(downloads).hasSize(2);
        assertThat(downloads.get(1).getHeader("Range")).isEqualTo("bytes=" + checkpoint + "-");
        assertSameAsOnePass(once, onePass, cut, source, List.of(RollImport.DONE, 3000L, 3000L, 2991L, 3L, 0L));
        assertThat(STACK.unmatchedRequests()).isEmpty();
    }

    @Test
    void aNewerExtractReplacesTheRollOnceItsImportEnds() {
        String org = organisation();
        assertThat(imports.run(upload(org, rollFile(IntStream.rangeClosed(1, 30))))).isEqualTo(ElectionImportService.Run.DONE);
        assertThat(names(org, "1")).contains("Jean DUPONT" + letters(3), "Jean DUPONT" + letters(21));
        assertThat(voters.linkedTo(org, contactId(5))).extracting(Voter::birthName).containsExactly("DUPONT" + letters(5));

        // the newer extract: voters 1 to 10 have left the commune, 31 to 40 have come
        ImportSource newer = upload(org, rollFile(IntStream.rangeClosed(11, 40)));
        assertThat(imports.run(newer)).isEqualTo(ElectionImportService.Run.DONE);

        List<String> expected = IntStream.rangeClosed(11, 40).filter(r -> r % 3 == 0).mapToObj(r -> "Jean DUPONT" + letters(r)).toList();
        assertThat(names(org, "1")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(roll.votersAt(org, "1")).allSatisfy(voter -> assertThat(voter.importId()).isEqualTo(newer.importId()));
        assertThat(voters.linkedTo(org, contactId(5))).as("no longer on the roll").isEmpty();
        // the contact stays on the walk list, as a contact
        assertThat(walkLists.walkList(org, "0003", 500).turfs()).flatExtracting(WalkList.Turf::doors)
                .flatExtracting(WalkList.Door::residents).filteredOn(resident -> contactId(5).equals(resident.contactId()))
                .extracting(WalkList.Resident::name).containsExactly("Jean Dupont" + letters(5).toLowerCase());
        RollImport report = voters.findImport(org, newer.importId()).orElseThrow();
        assertThat(List.of(report.voters(), report.matched())).containsExactly(30L, 0L);
    }

    @Test
    void aStationIsOneStationHoweverTheRollTheContactsAndTheAddressFileWriteIt() {
        String org = organisation();
        byte[] rollFile = (HEADER + "1;MARTIN;;Anne;01/02/1970;2;RUE;DE LA PAIX;33999\n").getBytes(StandardCharsets.UTF_8);
        assertThat(imports.run(upload(org, rollFile))).isEqualTo(ElectionImportService.Run.DONE);
        contact(org, "lea@example.org", "Léa", "Roux", "4 rue de la Paix", "0001");
        byte[] addressFile = "numero;voie;code postal;bureau de vote\n6;Rue de la Paix;33999;BV1\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new AddressImportService(organisations, addresses, STACK.aws(), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(STACK.upload("addresses/" + org + "/adresses.csv", addressFile))).isEqualTo(ElectionImportService.Run.DONE);

        for (String station : List.of("1", "0001", "BV1", "Bureau 1", "Bureau de vote n° 01")) {
            WalkList list = walkLists.walkList(org, station, 50);
            assertThat(list.turfs()).as(station).flatExtracting(WalkList.Turf::doors)
                    .extracting(door -> door.number() + " " + door.residents().stream().map(WalkList.Resident::name).toList())
                    // the odd side first: the contact of station "0001" every organisation of this test has
                    .containsExactly("1005 [Jean Dupont" + letters(1005).toLowerCase() + "]", "2 [Anne MARTIN]", "4 [Léa Roux]", "6 []");
        }
    }

    private static void assertSameAsOnePass(String once, ImportSource onePass, String inParts, ImportSource resumed, List<Object> figures) {
        RollImport whole = voters.findImport(once, onePass.importId()).orElseThrow();
        RollImport parts = voters.findImport(inParts, resumed.importId()).orElseThrow();
        assertThat(List.of(parts.status(), parts.rows(), parts.voters(), parts.doors(), parts.matched(), parts.rejected()))
                .isEqualTo(List.of(whole.status(), whole.rows(), whole.voters(), whole.doors(), whole.matched(), whole.rejected()))
                .isEqualTo(figures);
        assertThat(parts.problems()).extracting(p -> p.line() + " " + p.message())
                .isEqualTo(whole.problems().stream().map(p -> p.line() + " " + p.message()).toList())
                .startsWith("301 the street number is not a number: the voter is kept at the street without it");
        for (String station : List.of("1", "2", "3")) {
            assertThat(walkList(inParts, station)).as("station %s", station).isEqualTo(walkList(once, station)).hasSizeGreaterThan(400);
        }
        assertThat(walkList(inParts, "1")).contains("1 1005 Jean DUPONT" + letters(1005) + " true", "1 1002 Jean DUPONT" + letters(1002) + " false");
    }

    /** Each door of the walk list with its residents: station, number, name, and whether a contact is matched. */
    private static List<String> walkList(String org, String station) {
        return walkLists.walkList(org, station, 500).turfs().stream().flatMap(turf -> turf.doors().stream())
                .flatMap(door -> door.residents().stream().map(resident -> station + " " + door.number() + " " + resident.name() + " "
                        + (resident.contactId() != null)))
                .toList();
    }

    private static List<String> names(String org, String station) {
        return roll.votersAt(org, station).stream().map(Voter::displayName).toList();
    }

    /**
     * A roll as the Ministry's layout has it: row {@code r} is voter "Jean DUPONT<letters of r>" at
     * number {@code r} of Rue de la Paix, in station {@code r % 3 + 1}; every 300th has no number but an 'x'.
     */
    private static byte[] rollFile(IntStream rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        rows.forEach(r -> csv.append(r % 3 + 1).append(";DUPONT").append(letters(r)).append(";;Jean;01/01/1980;")
                .append(r % 300 == 0 ? "x" : Integer.toString(r)).append(";RUE;DE LA PAIX;33999\n"));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A name for a number: 1 is "B", 27 is "BB"; names hold no digits. */
    private static String letters(int r) {
        StringBuilder name = new StringBuilder();
        int n = r;
        do {
            name.insert(0, (char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        return name.toString();
    }

    /** The byte offset of row {@code r} of {@link #rollFile} (numbered from 1). */
    private static int startOfRow(byte[] file, int r) {
        String text = new String(file, StandardCharsets.UTF_8);
        int at = 0;
        for (int i = 0; i < r; i++) {
            at = text.indexOf('\n', at) + 1;
        }
        return text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    }

    /** An organisation with its election date, and a contact for each voter of {@link #MATCHED}, who writes station "0001" as "1". */
    private static String organisation() {
        String org = "rollr-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Roll resume test")
                .timeZone("Europe/Paris")
                .build();
        organisations.create(organisation);
        roll.setRetention(org, new RetentionSettings("2026-03-15", 10), "owner-1");
        for (int r : MATCHED) {
            contact(org, "voter" + r + "@example.org", "Jean", "Dupont" + letters(r).toLowerCase(), r + " rue de la Paix",
                    String.format("%04d", r % 3 + 1));
        }
        return org;
    }

    private static String contactId(int r) {
        return IDS.forEmail(EmailAddress.parse("voter" + r + "@example.org").orElseThrow());
    }

    private static void contact(String org, String email, String firstName, String lastName, String street, String station) {
        Contact contact = ContactBuilder.builder()
                .orgId(org)
                .contactId(IDS.forEmail(EmailAddress.parse(email).orElseThrow()))
                .email(email)
                .firstName(firstName)
                .lastName(lastName)
                .street(street)
                .postcode("33999")
                .station(station)
                .status(ContactStatus.SUBSCRIBED.code())
                .createdAt(NOW)
                .build();
        assertThat(contacts.createIfAbsent(contact)).isPresent();
    }

    private static ImportSource upload(String org, byte[] content) {
        return STACK.upload("rolls/" + org + "/liste-" + UPLOADS.incrementAndGet() + ".csv", content);
    }
}
