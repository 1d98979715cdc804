package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every per-polling-station results file the Ministry of the Interior publishes, read from a fixture
 * written from the published column layout (the layout of each is described in
 * {@code src/test/resources/elections/README.md}), through the same decoding as an import. For
 * three stations of each: registered, voters, expressed, and the votes of the first, second and
 * last candidate or list, worked out by hand from the fixture's line (the table
 * {@code elections/expected-stations.csv}); every station adds up, and each file has the stations and
 * candidates counted by hand ({@code elections/expected-files.csv}).
 */
class MinistryFormatsTest {
    /** Each file read once for the parameterised checks of its stations. */
    private static final Map<String, Read> READS = new ConcurrentHashMap<>();

    @Test
    void municipal2014WithoutPanelNumbersAndWithBlankAndNullTogether() {
        Read read = read("municipales-2014-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        // "Blancs et nuls" 00000006 at 0001: counted as null, as they were then
        assertThat(read.rows.get(0).result().nulls()).isEqualTo(6);
        // department 33 and commune 999: the INSEE code staff give
        assertThat(read.rows.get(0).commune()).isEqualTo("33999");
        assertThat(read.rows.get(0).result().blank()).isZero();
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::nuance).containsExactly("LDVG", "LREM", "LMDM", "LUDI");
    }

    @Test
    void municipal2020WithListGroupsWithoutSeatColumns() {
        Read read = read("municipales-2020-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(read.layout.hasLists()).isTrue();
        // Windows-1252's typographic apostrophe (0x92), which Latin-1 does not have
        assertThat(read.rows.get(0).candidates().get(1).list()).isEqualTo("L’Avenir en commun à Saint-Exemple");
        assertThat(read.rows.get(0).candidates().get(1).name()).isEqualTo("Marc CARON");
        assertThat(read.rows.get(0).commune()).isEqualTo("33999");
    }

    @Test
    void municipal2026WithSeatColumns() {
        Read read = read("municipales-2026-t1-bv.csv");
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::list)
                .containsExactly("Saint-Exemple Écologie", "Un nouveau souffle", "Saint-Exemple d’abord", "Fiers de Saint-Exemple", "Lutte ouvrière");
    }

    @Test
    void municipalUnder1000WithSeveralElectedOnOneBallot() {
        Read read = read("municipales-2020-t1-moins-1000-bv.csv");
        assertThat(read.layout.severalPerBallot).isTrue();
        // 9 candidates, each on up to every ballot: their votes add up to more than the 220 expressed, and that is right
        assertThat(read.rows.get(0).result().votes().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(220);
        assertThat(read.rows.get(0).result().inconsistencies(false)).isNotEmpty();
    }

    @Test
    void municipal2020StationFileWithCommunesUnder1000WithoutListNames() {
        Read read = read("municipales-2020-t1-toutes-communes-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(read.layout.severalPerBallot).isFalse();
        assertThat(read.rows).extracting(ResultsReader.Row::commune).containsExactly("33996", "33996", "33997", "33997", "33998");
        assertThat(read.rows).extracting(row -> read.layout.severalPerBallotAt(row.candidates()))
                .containsExactly(true, true, false, false, true);
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::list).containsOnlyNulls();
        assertThat(read.rows.get(0).candidates().get(3).name()).isEqualTo("Rémi ESTÈVE");
        assertThat(read.rows.get(2).candidates().get(2).list()).isEqualTo("Val-Exemple en transition");
        // at 0001 of Petit-Exemple the votes add up to 1,342 for 294 expressed: a voter chose several candidates
        assertThat(read.rows.get(0).result().votes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1342);
        assertThat(read.rows.get(0).result().inconsistencies(false)).isNotEmpty();
        // a candidate with more votes than expressed ballots still fails the check
        Map<String, Long> votes = new HashMap<>(read.rows.get(4).result().votes());
        votes.put("1", 71L);
        StationResult tooMany = read.rows.get(4).result().with().votes(votes).build();
        assertThat(tooMany.inconsistencies(true)).containsExactly("candidate 1 has 71 votes, more than the 70 expressed");
        assertThat(read.rows).hasSize(5);
        for (ResultsReader.Row row : read.rows.subList(0, 4)) {
            assertThat(row.result().inconsistencies(read.layout.severalPerBallotAt(row.candidates()))).as("at %s", row.result().station()).isEmpty();
        }
    }

    @Test
    void aStationWithoutListNamesOutsideMunicipalFilesKeepsTheSumCheck() {
        // the regional 2015 group has a person and a list too, but its lists are numbered N°Liste
        Read regional = read("regionales-2015-t1-bv.csv");
        assertThat(regional.layout.municipal).isFalse();
        List<Candidate> unnamed = List.of(new Candidate("1", "1", "Julie BESSON", null, null));
        assertThat(regional.layout.severalPerBallotAt(unnamed)).isFalse();
        // in a 1,000+ municipal file a station with lists keeps the sum check
        Read municipal = read("municipales-2026-t1-bv.csv");
        assertThat(municipal.layout.municipal).isTrue();
        assertThat(municipal.layout.severalPerBallotAt(municipal.rows.get(0).candidates())).isFalse();
        assertThat(municipal.layout.severalPerBallotAt(unnamed)).isTrue();
    }

    @Test
    void legislative2017And2022WithNuancePerCandidate() {
        Read y2017 = read("legislatives-2017-t1-bv.csv");
        assertThat(y2017.rows.get(0).candidates().get(0).nuance()).isEqualTo("COM");
        // 2022: ten groups in the header, eight candidates here: the two empty groups at the end are padding
        Read y2022 = read("legislatives-2022-t1-bv.csv");
        assertThat(y2022.rows.get(2).candidates()).extracting(Candidate::nuance)
                .containsExactly("DXG", "NUP", "ENS", "LR", "RN", "REC", "DVD", "DIV");
    }

    @Test
    void legislative2024WithNumberedGroups() {
        Read read = read("legislatives-2024-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE_NUMBERED);
        assertThat(read.rows.get(0).candidates().get(1).nuance()).isEqualTo("UG");
    }

    @Test
    void european2019With34Lists() {
        Read read = read("europeennes-2019-bv.csv");
        assertThat(read.rows.get(0).candidates().get(33).list()).isEqualTo("GILETS JAUNES");
    }

    @Test
    void european2024With38NumberedLists() {
        Read read = read("europeennes-2024-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE_NUMBERED);
        assertThat(read.rows.get(0).candidates().get(37).list()).isEqualTo("LISTE 38");
    }

    @Test
    void departmental2015WithTheBinomeInOneColumn() {
        Read read = read("departementales-2015-t1-bv.csv");
        Candidate first = read.rows.get(0).candidates().get(0);
        assertThat(first.name()).isEqualTo("M. BESSON Marc et Mme LAFONT Sophie");
        assertThat(first.isNamedBy("Besson Marc")).as("either member of the binôme names it").isTrue();
        assertThat(first.isNamedBy("sophie lafont")).isTrue();
    }

    @Test
    void departmental2021WithTheBinomeInOneColumnAsIn2015() {
        Read read = read("departementales-2021-t1-bv.csv");
        Candidate first = read.rows.get(0).candidates().get(0);
        assertThat(first.name()).isEqualTo("Mme CARON Julie et M. NOËL Hugo");
        assertThat(first.isNamedBy("noel hugo")).as("either member of the binôme names it").isTrue();
        assertThat(first.isNamedBy("Julie Caron")).isTrue();
    }

    @Test
    void regional2015And2021WithListsAndDepartmentalSections() {
        Read y2015 = read("regionales-2015-t1-bv.csv");
        // the name is the head of the list's departmental section
        assertThat(y2015.rows.get(0).candidates().get(0).name()).isEqualTo("Julie JOUVE");
        Read y2021 = read("regionales-2021-t1-bv.csv");
        assertThat(y2021.rows.get(0).candidates().get(0).list()).isEqualTo("REGION 1");
    }

    @Test
    void theConsolidatedLongFileStillReads() {
        Read read = read("resultats-long.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.LONG);
        assertThat(read.rows).hasSize(6);
        assertThat(read.rows.get(3).result().station()).isEqualTo("0002");
        assertThat(read.rows.get(3).result().votes()).isEqualTo(Map.of("Agir pour Saint-Exemple", 290L));
    }

    record Read(ResultsLayout layout, List<ResultsReader.Row> rows) {
    }

    static Read read(String fixture) {
        try (InputStream in = MinistryFormatsTest.class.getResourceAsStream("/elections/" + fixture);
             CSVParser parser = ElectionImportService.parser(in)) {
            List<CSVRecord> records = parser.getRecords();
            ResultsLayout layout = ResultsLayout.of(records.get(0).toList());
            ResultsReader reader = new ResultsReader(layout);
            List<ResultsReader.Row> rows = new ArrayList<>();
            for (int i = 1; i < records.size(); i++) {
                rows.add(reader.read(i + 1, records.get(i).toList()));
            }
            return new Read(layout, rows);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One line of {@code elections/expected-stations.csv}: a station's figures, worked out by hand from its file. */
    @ParameterizedTest(name = "{0}, row {1}: station {2}")
    @CsvFileSource(resources = "/elections/expected-stations.csv", encoding = "UTF-8")
    void stationFiguresAreThoseWorkedOutByHand(String file, int row, String station, long registered, long voters, long expressed,
                                               String votes) {
        StationResult result = READS.computeIfAbsent(file, MinistryFormatsTest::read).rows.get(row).result();
        assertThat(result.station()).isEqualTo(station);
        assertThat(result.registered()).as("registered at %s", station).isEqualTo(registered);
        assertThat(result.voters()).as("voters at %s", station).isEqualTo(voters);
        assertThat(result.expressed()).as("expressed at %s", station).isEqualTo(expressed);
        for (String vote : votes.split(";")) {
            String[] candidate = vote.strip().split("=");
            assertThat(result.votes()).as("votes at %s", station).containsEntry(candidate[0], Long.parseLong(candidate[1]));
        }
    }

    /** One line of {@code elections/expected-files.csv}: a file's stations and candidates, counted by hand. */
    @ParameterizedTest(name = "{0}: {1} stations of {2} candidates or lists")
    @CsvFileSource(resources = "/elections/expected-files.csv", encoding = "UTF-8")
    void everyStationOfEachFileAddsUp(String file, int stations, int candidates) {
        allAddUp(READS.computeIfAbsent(file, MinistryFormatsTest::read), stations, candidates);
    }

    private static void allAddUp(Read read, int stations, int candidates) {
        assertThat(read.rows).hasSize(stations);
        for (ResultsReader.Row row : read.rows) {
            assertThat(row.candidates()).as("candidates at %s", row.result().station()).hasSize(candidates);
            assertThat(row.result().inconsistencies(read.layout.severalPerBallotAt(row.candidates()))).as("at %s", row.result().station()).isEmpty();
        }
    }
}
