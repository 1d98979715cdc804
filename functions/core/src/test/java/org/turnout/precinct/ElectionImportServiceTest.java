package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.aws.AwsClients;
import org.turnout.importing.ImportSource;
import org.turnout.local.Emulator;
import org.turnout.local.LocalAwsStack;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.problem.InvalidInputException;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Results files through the real path: S3 object -> ElectionImportService -> DynamoDB; the sum checks decide the outcome. */
class ElectionImportServiceTest {
    private static final Instant UPLOADED = Instant.parse("2026-03-16T08:00:00Z");
    private static final AtomicInteger UPLOADS = new AtomicInteger();
    private static LocalAwsStack stack;
    private static AwsClients aws;
    private static String bucket;
    private static ElectionRepository elections;
    private static OrganisationRepository organisations;
    private static ElectionImportService imports;
    private String org;

    @BeforeAll
    static void startStack() {
        stack = LocalAwsStack.start(EnumSet.of(Emulator.DYNAMODB, Emulator.S3));
        stack.sdkSystemProperties().forEach(System::setProperty);
        aws = new AwsClients();
        bucket = stack.resources().physicalName("Bucket");
        TurnoutTable table = new TurnoutTable(aws, stack.resources().physicalName("Table"));
        elections = new ElectionRepository(table, new BatchOperations(table, 8));
        organisations = new OrganisationRepository(table);
        imports = new ElectionImportService(organisations, elections, aws, Clock.fixed(UPLOADED, ZoneOffset.UTC));
    }

    @AfterAll
    static void stopStack() {
        aws.close();
        stack.close();
    }

    @BeforeEach
    void organisation() {
        org = "elec-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Election test")
                .build();
        organisations.create(organisation);
    }

    @Test
    void municipalFileOfListsIsReadWithAllItsLists() throws IOException {
        ImportSource source = upload("municipales-2020.csv", fixture("municipales-2020-t1-bv.csv"));

        assertThat(imports.run(source)).isEqualTo(ElectionImportService.Run.DONE);

        Election election = elections.find(org, source.importId()).orElseThrow();
        assertThat(election.format()).isEqualTo("ministry-wide/lists");
        assertThat(election.stations()).isEqualTo(4);
        assertThat(election.warnings()).isZero();
        assertThat(election.candidates()).extracting(Candidate::list)
                .containsExactly("Saint-Exemple Ensemble", "L’Avenir en commun à Saint-Exemple", "Agir pour Saint-Exemple");
        assertThat(elections.stations(org, source.importId())).filteredOn(s -> s.station().equals("0002")).singleElement()
                .satisfies(s -> assertThat(s.votes()).isEqualTo(Map.of("1", 54L, "2", 11L, "3", 65L)));
    }

    @Test
    void municipalStationFileOfCommunesOfBothSizesIsReadForTheCommuneGiven() throws IOException {
        byte[] national = fixture("municipales-2020-t1-toutes-communes-bv.csv");
        ImportSource small = upload("petit-exemple.csv", national, Map.of("commune", "33996"));
        ImportSource large = upload("val-exemple.csv", national, Map.of("commune", "33997"));

        assertThat(imports.run(small)).isEqualTo(ElectionImportService.Run.DONE);
        assertThat(imports.run(large)).isEqualTo(ElectionImportService.Run.DONE);

        // under 1,000: eight people, no list; 0001's votes add up to 1,342 for 294 expressed and no warning is raised
        Election under1000 = elections.find(org, small.importId()).orElseThrow();
        assertThat(List.of(under1000.stations(), under1000.warnings(), under1000.rejected())).containsExactly(2L, 0L, 0L);
        assertThat(under1000.candidates()).hasSize(8).extracting(Candidate::list).containsOnlyNulls();
        assertThat(elections.stations(org, small.importId())).filteredOn(s -> s.station().equals("0001")).singleElement()
                .satisfies(s -> assertThat(s.votes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1342));
        // 1,000+: three lists, which add up to the expressed ballots
        Election lists = elections.find(org, large.importId()).orElseThrow();
        assertThat(List.of(lists.stations(), lists.warnings(), lists.rejected())).containsExactly(2L, 0L, 0L);
        assertThat(lists.candidates()).extracting(Candidate::list)
                .containsExactly("Val-Exemple Solidaire", "Réussir Val-Exemple", "Val-Exemple en transition");
    }

    @Test
    void consolidatedFileOfOneCandidateARowWithTheMinistrysColumnsIsReadLong() throws IOException {
        ImportSource source = upload("consolide.csv", fixture("resultats-long-panneaux.csv"));

        assertThat(imports.run(source)).isEqualTo(ElectionImportService.Run.DONE);

        Election election = elections.find(org, source.importId()).orElseThrow();
        assertThat(election.format()).isEqualTo("long/candidates");
        assertThat(List.of(election.stations(), election.rows(), election.warnings(), election.rejected()))
                .containsExactly(3L, 9L, 0L, 0L);
        Map<String, StationResult> stations = new HashMap<>();
        elections.stations(org, source.importId()).forEach(s -> stations.put(s.station(), s));
        assertThat(stations.get("0001").votes()).isEqualTo(Map.of("1", 200L, "2", 120L, "3", 70L));
        assertThat(stations.get("0002").votes()).isEqualTo(Map.of("1", 100L, "2", 40L, "3", 100L));
        assertThat(stations.get("0003").votes()).isEqualTo(Map.of("1", 150L, "2", 150L, "3", 100L));
        assertThat(stations.get("0002").expressed()).isEqualTo(240);
        assertThat(stations.get("0003").registered()).isEqualTo(700);
    }

    /** What used to end "done" with every station failing: a wide file whose group this reader cannot tell, read as long. */
    @Test
    void aFileWhoseEveryStationFailsItsSumsFails() {
        StringBuilder csv = new StringBuilder("Code B.Vote;Inscrits;Votants;Blancs;Nuls;Exprimés;Liste;Voix\n");
        for (int station = 1; station <= 4; station++) {
            // the second list's columns are unnamed: only the first is read, and 300 + 200 never adds up to 300
            csv.append(String.format("%04d;1000;510;5;5;500;Saint-Exemple Ensemble;300;Agir pour Saint-Exemple;200%n", station));
        }
        ImportSource source = upload("mal-lu.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(imports.run(source)).isEqualTo(ElectionImportService.Run.FAILED);

        Election election = elections.find(org, source.importId()).orElseThrow();
        assertThat(election.status()).isEqualTo(Election.FAILED);
        assertThat(election.failure()).startsWith("4 of 4 stations do not add up or cannot be read, more than the 5 % tolerated");
        assertThat(election.problems()).extracting(ElectionProblem::line).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void oneStationOfTwentyOneFailingIsAWarningTwoAreAFailure() {
        ImportSource one = upload("un.csv", stations(21, 7));
        assertThat(imports.run(one)).isEqualTo(ElectionImportService.Run.DONE);
        Election done = elections.find(org, one.importId()).orElseThrow();
        assertThat(done.warnings()).isEqualTo(1);
        assertThat(done.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.station()).isEqualTo("0007");
            assertThat(p.message()).isEqualTo("the votes of the candidates or lists add up to 499, not to the 500 expressed");
        });

        ImportSource two = upload("deux.csv", stations(21, 7, 12));
        assertThat(imports.run(two)).isEqualTo(ElectionImportService.Run.FAILED);
        assertThat(elections.find(org, two.importId()).orElseThrow().failure()).startsWith("2 of 21 stations");
    }

    @Test
    void theSameStationWrittenTwoWaysIsReadOnce() {
        String csv = "Code du b.vote;Inscrits;Votants;Blancs;Nuls;Exprimés;N°Panneau;Nom;Voix;% Voix/Ins;% Voix/Exp\n"
                + "0001;100;60;0;0;60;1;ARNAUD;60;60,00;100,00\n"
                + "BV 2;100;50;0;0;50;1;ARNAUD;50;50,00;100,00\n"
                + "Bureau 1;100;60;0;0;60;1;ARNAUD;60;60,00;100,00\n";
        for (int i = 3; i <= 40; i++) {
            csv += i + ";100;50;0;0;50;1;ARNAUD;50;50,00;100,00\n";
        }
        ImportSource source = upload("doublon.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(imports.run(source)).isEqualTo(ElectionImportService.Run.DONE);

        Election election = elections.find(org, source.importId()).orElseThrow();
        assertThat(election.stations()).isEqualTo(40);
        assertThat(election.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("station Bureau 1 was already read at line 2"));
    }

    @Test
    void electionsWritingTheirStationsDifferentlyCombineAndTheSideIsNamedAsStaffTypeIt() throws IOException {
        ImportSource municipal = upload("municipales-2020.csv", fixture("municipales-2020-t1-bv.csv"));
        assertThat(imports.run(municipal)).isEqualTo(ElectionImportService.Run.DONE);
        // another vote, whose file writes the same stations "BV1", "Bureau 2", "3"
        String older = "Code du b.vote;Inscrits;Votants;Blancs;Nuls;Exprimés;N°Panneau;Liste;Voix;% Voix/Ins;% Voix/Exp\n"
                + "BV1;300;100;0;0;100;1;L'Avenir en commun à Saint-Exemple;60;0;0;2;Autre;40;0;0\n"
                + "Bureau 2;300;100;0;0;100;1;L'Avenir en commun à Saint-Exemple;5;0;0;2;Autre;95;0;0\n"
                + "3;300;100;0;0;100;1;L'Avenir en commun à Saint-Exemple;10;0;0;2;Autre;90;0;0\n";
        ImportSource before = upload("anciennes.csv", older.getBytes(StandardCharsets.UTF_8));
        assertThat(imports.run(before)).isEqualTo(ElectionImportService.Run.DONE);
        TargetingService targeting = new TargetingService(elections);

        // typed without the typographic apostrophe, accents or capitals
        TargetingResult result = targeting.rank(org, municipal.importId() + "," + before.importId(), "l'avenir en commun a saint-exemple");

        assertThat(result.reference()).isEqualTo(before.importId());
        // neither has a date: the later upload is the reference, its stations ranked; the municipal file gives the best share
        StationTarget first = result.stations().stream().filter(s -> s.station().equals("BV1")).findFirst().orElseThrow();
        // BV1 is 0001 of the municipal file: 71 of 116 expressed = 0.6121 there, 60 of 100 = 0.6 here
        assertThat(first.sideShare()).isEqualTo(0.6);
        assertThat(first.bestShare()).isEqualTo(0.6121);
        assertThat(first.bestElection()).isEqualTo(municipal.importId());
        StationTarget second = result.stations().stream().filter(s -> s.station().equals("Bureau 2")).findFirst().orElseThrow();
        // Bureau 2 is 0002: 11 of 130 = 0.0846 there, better than 5 of 100
        assertThat(second.bestShare()).isEqualTo(0.0846);

        assertThat(targeting.rank(org, municipal.importId(), "CARON Marc").sideCandidates())
                .containsExactly("2 L’Avenir en commun à Saint-Exemple (LFI)");
        assertThat(targeting.rank(org, municipal.importId(), "lfi").sideCandidates())
                .containsExactly("2 L’Avenir en commun à Saint-Exemple (LFI)");
        assertThatThrownBy(() -> targeting.rank(org, municipal.importId(), "Ensemble à gauche"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("side");
                    assertThat(error.message()).isEqualTo("'Ensemble à gauche' names no candidate or list of these elections; they hold: "
                            + "1 Saint-Exemple Ensemble (LDVG); 2 L’Avenir en commun à Saint-Exemple (LFI); 3 Agir pour Saint-Exemple (LDVD)");
                }));
    }

    /** {@code count} consistent stations of 1,000 registered, but those numbered in {@code wrong} lose a vote. */
    private static byte[] stations(int count, int... wrong) {
        StringBuilder csv = new StringBuilder("Code du b.vote;Inscrits;Votants;Blancs;Nuls;Exprimés;N°Panneau;Nom;Voix;% Voix/Ins;% Voix/Exp;"
                + ";;;;\n");
        for (int station = 1; station <= count; station++) {
            int lost = 0;
            for (int w : wrong) {
                lost += w == station ? 1 : 0;
            }
            csv.append(String.format("%04d;1000;510;5;5;500;1;ARNAUD;%d;0;0;2;BESSON;200;0;0%n", station, 300 - lost));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ImportSource upload(String name, byte[] content) {
        return upload(name, content, Map.of());
    }

    private ImportSource upload(String name, byte[] content, Map<String, String> metadata) {
        String key = "elections/" + org + "/" + name;
        PutObjectResponse put = aws.s3().putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(content));
        return new ImportSource(bucket, key, put.eTag(), content.length, UPLOADED.plusSeconds(UPLOADS.incrementAndGet()));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ElectionImportServiceTest.class.getResourceAsStream("/elections/" + name)) {
            return in.readAllBytes();
        }
    }
}
