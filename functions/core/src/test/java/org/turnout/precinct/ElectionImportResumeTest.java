package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.turnout.importing.ImportSource;
import org.turnout.importing.ImportTestStack;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.store.BatchOperations;
import org.turnout.store.TurnoutTable;

/**
 * Election files too long for one invocation, and a download cut off part-way: each import goes
 * on from its checkpoint and ends with the very figures, problems and counts of an import in one
 * pass of the same file. The clock is fixed; a deadline at that instant is a budget already spent,
 * so every invocation hands over at its first checkpoint. S3 is S3Proxy, reached directly or
 * through WireMock (which cuts one download short), and the table is dynalite.
 */
class ElectionImportResumeTest {
    private static final Instant NOW = Instant.parse("2026-03-16T08:00:00Z");
    private static final Charset LATIN_1 = Charset.forName("windows-1252");
    private static final String[] LISTS = {"Saint-Exemple Ensemble", "Agir pour Saint-Exemple", "Écologie et solidarités",
            "Rassemblement citoyen", "Union du centre", "Lutte ouvrière", "Vivre à Saint-Exemple"};
    @RegisterExtension
    static final ImportTestStack STACK = new ImportTestStack(NOW);
    private static ElectionRepository elections;
    private static OrganisationRepository organisations;
    private static ElectionImportService imports;
    private static ElectionImportService importsThroughFaults;

    @BeforeAll
    static void services() {
        TurnoutTable table = STACK.table();
        elections = new ElectionRepository(table, new BatchOperations(table, 8));
        organisations = new OrganisationRepository(table);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        imports = new ElectionImportService(organisations, elections, STACK.aws(), clock);
        importsThroughFaults = new ElectionImportService(organisations, elections, STACK.aws(), STACK.csvThroughFaults(), clock);
    }

    @BeforeEach
    void everyRequestGoesThroughToS3() {
        STACK.passEverythingThrough();
    }

    @Test
    void aWideMinistryFileGoesOnInNewInvocationsWithTheFiguresOfOnePass() {
        byte[] file = wideFile(1300);

        Imported onePass = importInOnePass(file);
        Imported resumed = importInInvocations(file);

        assertThat(resumed.invocations()).as("1,300 rows in windows of 500").isEqualTo(3);
        assertThat(resumed.figures()).isEqualTo(onePass.figures());
        assertThat(onePass.election().status()).isEqualTo(Election.DONE);
        assertThat(resumed.election().stations()).isEqualTo(1300L);
        assertThat(resumed.election().rows()).isEqualTo(1301L);
        // station 0002, read again at the end of the file, is told apart from the first read, two windows before
        assertThat(resumed.election().problems()).filteredOn(p -> ElectionProblem.REJECTED.equals(p.kind()))
                .singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1302L);
                    assertThat(p.message()).isEqualTo("station 0002 was already read at line 3");
                });
        // every 400th station loses a vote: warnings, few enough for the election to stand
        assertThat(resumed.election().warnings()).isEqualTo(3L);
        StationResult station = resumed.station("0777");
        assertThat(List.of(station.registered(), station.voters(), station.blank(), station.nulls(), station.expressed()))
                .containsExactly(977L, 732L, 7L, 2L, 723L);
        assertThat(station.votes()).isEqualTo(Map.of("1", 361L, "2", 241L, "3", 121L));
        assertThat(resumed.election().progress()).as("no checkpoint is kept once done").isNull();
    }

    @Test
    void aLongFileWhoseCheckpointsFallInsideStationsGoesOnWithTheFiguresOfOnePass() {
        LongFile file = LongFile.generate(200);

        Imported onePass = importInOnePass(file.bytes());
        Imported resumed = importInInvocations(file.bytes());

        assertThat(resumed.invocations()).as("1,400 rows in windows of 500").isEqualTo(3);
        assertThat(resumed.figures()).isEqualTo(onePass.figures());
        assertThat(resumed.election().status()).isEqualTo(Election.DONE);
        assertThat(resumed.election().stations()).isEqualTo(200L);
        assertThat(resumed.election().warnings()).isZero();
        // the 501st row, where the second invocation starts, is station 72's fifth list: its lists are summed by two invocations
        assertThat(resumed.station("0072").votes()).isEqualTo(file.votesOf(72));
        // station 1's last list comes at the very end of the file, two invocations after its other rows
        assertThat(resumed.station("0001").votes()).isEqualTo(file.votesOf(1)).containsEntry(LISTS[6], 7L);
        assertThat(resumed.station("0001").expressed()).isEqualTo(file.votesOf(1).values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * An invocation may stop (killed at its timeout) after writing its stations and before saving the
     * checkpoint after them: the table then holds more than the checkpoint counts. Here the table holds
     * every station in full while the checkpoint stands after the first window; the rows read again are
     * not added again.
     */
    @Test
    void stationsWrittenPastTheCheckpointAreNotCountedTwiceWhenTheRowsAreReadAgain() {
        LongFile file = LongFile.generate(200);
        Imported onePass = importInOnePass(file.bytes());
        List<Object> expected = onePass.figures();
        String org = organisation();
        ImportSource source = upload(org, file.bytes());
        assertThat(imports.run(source, NOW)).isEqualTo(ElectionImportService.Run.CONTINUE);
        assertThat(elections.find(org, source.importId()).orElseThrow().progress().rows()).isEqualTo(500L);

        List<StationResult> ahead = onePass.stations().stream()
                .map(station -> station.ofElection(org, source.importId(), station.throughLine())).toList();
        elections.writeStations(ahead);
        assertThat(imports.run(source, far())).isEqualTo(ElectionImportService.Run.DONE);

        Imported resumed = imported(org, source, 2);
        assertThat(resumed.figures()).isEqualTo(expected);
        assertThat(resumed.station("0150").votes()).isEqualTo(file.votesOf(150));
    }

    @Test
    void aDownloadCutOffInsideAStationResumesFromTheCheckpointWithARangedRead() {
        LongFile file = LongFile.generate(400);
        Imported onePass = importInOnePass(file.bytes());
        String org = organisation();
        ImportSource source = upload(org, file.bytes());
        // the first download, from the start, stops in the fourth window, past the 64 KiB the dialect is told from
        int cut = file.offsetOfRow(2000) + 20;
        assertThat(cut).isGreaterThan(64 * 1024);
        STACK.cutTheWholeDownload(source, file.bytes(), cut);

        assertThat(importsThroughFaults.run(source, far())).isEqualTo(ElectionImportService.Run.CONTINUE);

        Election handedOver = elections.find(org, source.importId()).orElseThrow();
        assertThat(handedOver.status()).isEqualTo(Election.RUNNING);
        assertThat(handedOver.progress().readAttempts()).isEqualTo(1);
        assertThat(handedOver.progress().leaseUntil()).as("given up for the next invocation").isNull();
        assertThat(handedOver.progress().rows()).as("three windows checkpointed").isEqualTo(1500L);
        assertThat(handedOver.progress().nextByte()).isEqualTo(file.offsetOfRow(1500));
        assertThat(handedOver.progress().nextLine()).as("the header's line and the rows'").isEqualTo(1501L);

        assertThat(importsThroughFaults.run(source, far())).isEqualTo(ElectionImportService.Run.DONE);

        List<LoggedRequest> downloads = STACK.downloads(source);
        assertThat(downloads).hasSize(2);
        assertThat(downloads.get(0).containsHeader("Range")).isFalse();
        assertThat(downloads.get(1).getHeader("Range")).isEqualTo("bytes=" + file.offsetOfRow(1500) + "-");
        Imported resumed = imported(org, source, 2);
        assertThat(resumed.figures()).isEqualTo(onePass.figures());
        assertThat(resumed.election().progress()).isNull();
        // the 1,501st row, where the second invocation starts, is station 215's fourth list
        assertThat(resumed.station("0215").votes()).isEqualTo(file.votesOf(215));
        assertThat(resumed.station("0001").votes()).isEqualTo(file.votesOf(1));
        assertThat(STACK.unmatchedRequests()).isEmpty();
    }

    /** What an import ends with, and its stations. */
    private record Imported(Election election, List<StationResult> stations, int invocations) {
        /** All that must not depend on how many invocations read the file. */
        List<Object> figures() {
            List<Object> figures = new ArrayList<>(List.of(election.status(), election.format(), String.valueOf(election.failure()),
                    election.stations(), election.rows(), election.warnings(), election.rejected(),
                    String.valueOf(election.commune())));
            election.candidates().forEach(c -> figures.add(List.of(c.key(), String.valueOf(c.name()), String.valueOf(c.list()))));
            election.problems().forEach(p -> figures.add(List.of(p.line(), String.valueOf(p.station()), p.kind(), p.message())));
            stations.forEach(s -> figures.add(List.of(s.station(), s.line(), s.registered(), s.voters(), s.blank(),
                    s.nulls(), s.expressed(), s.votes())));
            return figures;
        }

        StationResult station(String code) {
            return stations.stream().filter(s -> s.station().equals(code)).findFirst().orElseThrow();
        }
    }

    private Imported importInOnePass(byte[] file) {
        String org = organisation();
        ImportSource source = upload(org, file);
        assertThat(imports.run(source, far())).isEqualTo(ElectionImportService.Run.DONE);
        return imported(org, source, 1);
    }

    private Imported importInInvocations(byte[] file) {
        String org = organisation();
        ImportSource source = upload(org, file);
        int invocations = ImportTestStack.invokeUntilDone(() -> imports.run(source, NOW), done -> {
            Election handedOver = elections.find(org, source.importId()).orElseThrow();
            assertThat(handedOver.progress().rows()).isEqualTo(500L * done);
            assertThat(handedOver.progress().leaseUntil()).isNull();
        });
        return imported(org, source, invocations);
    }

    private Imported imported(String org, ImportSource source, int invocations) {
        return new Imported(elections.find(org, source.importId()).orElseThrow(), elections.stations(org, source.importId()), invocations);
    }

    private static String organisation() {
        return STACK.createOrganisation("resume", "Resume test");
    }

    private static ImportSource upload(String org, byte[] content) {
        return STACK.upload("elections/" + org + "/resultats.csv", content);
    }

    private static Instant far() {
        return NOW.plusSeconds(900);
    }

    /**
     * A presidential first round as the Ministry publishes it per polling station (Latin-1, {@code ;},
     * three candidates), one commune, then station 0002 once more. Station {@code n} has
     * {@code 200 + n} registered, three quarters of them voted, 7 blank and 2 null ballots; every
     * 400th station's first candidate loses a vote.
     */
    private static byte[] wideFile(int stations) {
        StringBuilder csv = new StringBuilder("Code du département;Libellé du département;Code de la circonscription;"
                + "Libellé de la circonscription;Code de la commune;Libellé de la commune;Code du b.vote;Inscrits;Abstentions;"
                + "% Abs/Ins;Votants;% Vot/Ins;Blancs;% Blancs/Ins;% Blancs/Vot;Nuls;% Nuls/Ins;% Nuls/Vot;Exprimés;% Exp/Ins;"
                + "% Exp/Vot;N°Panneau;Sexe;Nom;Prénom;Voix;% Voix/Ins;% Voix/Exp\n");
        for (int n = 1; n <= stations; n++) {
            csv.append(wideRow(n));
        }
        csv.append(wideRow(2));
        return csv.toString().getBytes(LATIN_1);
    }

    private static String wideRow(int n) {
        long registered = 200 + n;
        long voters = registered * 3 / 4;
        long expressed = voters - 9;
        long first = expressed / 2 - (n % 400 == 0 ? 1 : 0);
        long second = expressed / 3;
        long third = expressed - expressed / 2 - second;
        return String.format("33;Gironde;12;12ème circonscription;999;Saint-Exemple;%04d;%d;%d;0,00;%d;0,00;7;0,00;0,00;2;0,00;0,00;"
                        + "%d;0,00;0,00;1;F;IMBERT;Julie;%d;0,00;0,00;2;M;JOUVE;Marc;%d;0,00;0,00;3;F;KLEIN;Sophie;%d;0,00;0,00\n",
                n, registered, registered - voters, voters, expressed, first, second, third);
    }

    /**
     * A long file (one row per station and list, UTF-8 with accents, so that bytes and characters
     * differ), its stations in order, seven lists each, but station 1's last list at the very end.
     * List {@code i} has {@code n + i} votes at station {@code n}, 10 blank and 5 null ballots.
     */
    private record LongFile(byte[] bytes, int[] rowOffsets) {
        static LongFile generate(int stations) {
            StringBuilder csv = new StringBuilder("bureau;inscrits;votants;blancs;nuls;liste;voix\n");
            List<Integer> offsets = new ArrayList<>();
            String late = null;
            for (int n = 1; n <= stations; n++) {
                for (int i = 0; i < LISTS.length; i++) {
                    String row = row(n, i);
                    if (n == 1 && i == LISTS.length - 1) {
                        late = row;
                        continue;
                    }
                    offsets.add(csv.toString().getBytes(StandardCharsets.UTF_8).length);
                    csv.append(row);
                }
            }
            offsets.add(csv.toString().getBytes(StandardCharsets.UTF_8).length);
            csv.append(late);
            return new LongFile(csv.toString().getBytes(StandardCharsets.UTF_8), offsets.stream().mapToInt(Integer::intValue).toArray());
        }

        private static String row(int n, int list) {
            long expressed = (long) LISTS.length * n + (LISTS.length * (LISTS.length - 1)) / 2;
            long voters = expressed + 15;
            return String.format("%04d;%d;%d;10;5;%s;%d\n", n, voters * 2, voters, LISTS[list], n + list);
        }

        Map<String, Long> votesOf(int n) {
            Map<String, Long> votes = new java.util.HashMap<>();
            for (int i = 0; i < LISTS.length; i++) {
                votes.put(LISTS[i], (long) n + i);
            }
            return votes;
        }

        /** Where the {@code row}th row after the header (from 0) starts. */
        int offsetOfRow(int row) {
            return rowOffsets[row];
        }
    }
}
