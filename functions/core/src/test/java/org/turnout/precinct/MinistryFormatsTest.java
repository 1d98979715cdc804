package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Every per-polling-station results file the Ministry of the Interior publishes, read from a fixture
 * written from the published column layout (the layout of each is described in
 * {@code src/test/resources/elections/README.md}), through the same decoding as an import. For
 * three stations of each: registered, voters, expressed, and the votes of the first, second and
 * last candidate or list, worked out by hand from the fixture's line; every station adds up.
 */
class MinistryFormatsTest {

    @Test
    void municipal2014WithoutPanelNumbersAndWithBlankAndNullTogether() {
        Read read = read("municipales-2014-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        // no panel number in 2014: a list is known by its name
        station(read, 0, "0001", 347, 160, 154, Map.of("AMBITION POUR SAINT-EXEMPLE", 6L, "VIVONS NOTRE VILLE", 60L, "SAINT-EXEMPLE À GAUCHE", 71L));
        station(read, 1, "0002", 438, 214, 205, Map.of("AMBITION POUR SAINT-EXEMPLE", 43L, "VIVONS NOTRE VILLE", 97L, "SAINT-EXEMPLE À GAUCHE", 11L));
        station(read, 2, "0003", 529, 268, 256, Map.of("AMBITION POUR SAINT-EXEMPLE", 80L, "VIVONS NOTRE VILLE", 37L, "SAINT-EXEMPLE À GAUCHE", 48L));
        // "Blancs et nuls" 00000006 at 0001: counted as null, as they were then
        assertThat(read.rows.get(0).result().getNulls()).isEqualTo(6);
        // department 33 and commune 999: the INSEE code staff give
        assertThat(read.rows.get(0).commune()).isEqualTo("33999");
        assertThat(read.rows.get(0).result().getBlank()).isZero();
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::getNuance).containsExactly("LDVG", "LREM", "LMDM", "LUDI");
        allAddUp(read, 4, 4);
    }

    @Test
    void municipal2020WithListGroupsWithoutSeatColumns() {
        Read read = read("municipales-2020-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(read.layout.hasLists()).isTrue();
        station(read, 0, "0001", 309, 122, 116, Map.of("1", 17L, "2", 71L, "3", 28L));
        station(read, 1, "0002", 363, 139, 130, Map.of("1", 54L, "2", 11L, "3", 65L));
        station(read, 2, "0003", 417, 156, 144, Map.of("1", 91L, "2", 48L, "3", 5L));
        // Windows-1252's typographic apostrophe (0x92), which Latin-1 does not have
        assertThat(read.rows.get(0).candidates().get(1).getList()).isEqualTo("L’Avenir en commun à Saint-Exemple");
        assertThat(read.rows.get(0).candidates().get(1).getName()).isEqualTo("Marc CARON");
        assertThat(read.rows.get(0).commune()).isEqualTo("33999");
        allAddUp(read, 4, 3);
    }

    @Test
    void municipal2026WithSeatColumns() {
        Read read = read("municipales-2026-t1-bv.csv");
        station(read, 0, "0001", 480, 293, 287, Map.of("1", 28L, "2", 82L, "5", 45L));
        station(read, 1, "0002", 511, 287, 278, Map.of("1", 65L, "2", 22L, "5", 82L));
        station(read, 2, "0003", 445, 184, 172, Map.of("1", 5L, "2", 59L, "5", 22L));
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::getList)
                .containsExactly("Saint-Exemple Écologie", "Un nouveau souffle", "Saint-Exemple d’abord", "Fiers de Saint-Exemple", "Lutte ouvrière");
        allAddUp(read, 4, 5);
    }

    @Test
    void municipalUnder1000WithSeveralElectedOnOneBallot() {
        Read read = read("municipales-2020-t1-moins-1000-bv.csv");
        assertThat(read.layout.severalPerBallot).isTrue();
        station(read, 0, "1", 316, 226, 220, Map.of("1", 110L, "2", 137L, "9", 110L));
        station(read, 1, "2", 359, 269, 260, Map.of("1", 130L, "2", 162L, "9", 130L));
        station(read, 2, "3", 402, 312, 300, Map.of("1", 150L, "2", 187L, "9", 150L));
        // 9 candidates, each on up to every ballot: their votes add up to more than the 220 expressed, and that is right
        assertThat(read.rows.get(0).result().getVotes().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(220);
        assertThat(read.rows.get(0).result().inconsistencies(false)).isNotEmpty();
        allAddUp(read, 3, 9);
    }

    @Test
    void municipal2020StationFileWithCommunesUnder1000WithoutListNames() {
        Read read = read("municipales-2020-t1-toutes-communes-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(read.layout.severalPerBallot).isFalse();
        // Petit-Exemple (996) and Hameau-Exemple (998), under 1,000: people without a list, several elected
        station(read, 0, "0001", 412, 301, 294, Map.of("1", 212L, "2", 187L, "8", 121L));
        station(read, 1, "0002", 389, 270, 263, Map.of("1", 190L, "2", 201L, "8", 131L));
        station(read, 4, "0001", 86, 71, 70, Map.of("1", 66L, "2", 58L, "5", 37L));
        // Val-Exemple (997), 1,000+: lists, one per ballot
        station(read, 2, "0001", 702, 388, 377, Map.of("1", 161L, "2", 129L, "3", 87L));
        station(read, 3, "0002", 655, 351, 344, Map.of("1", 98L, "2", 150L, "3", 96L));
        assertThat(read.rows).extracting(ResultsReader.Row::commune).containsExactly("33996", "33996", "33997", "33997", "33998");
        assertThat(read.rows).extracting(row -> read.layout.severalPerBallotAt(row.candidates()))
                .containsExactly(true, true, false, false, true);
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::getList).containsOnlyNulls();
        assertThat(read.rows.get(0).candidates().get(3).getName()).isEqualTo("Rémi ESTÈVE");
        assertThat(read.rows.get(2).candidates().get(2).getList()).isEqualTo("Val-Exemple en transition");
        // at 0001 of Petit-Exemple the votes add up to 1,342 for 294 expressed: a voter chose several candidates
        assertThat(read.rows.get(0).result().getVotes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1342);
        assertThat(read.rows.get(0).result().inconsistencies(false)).isNotEmpty();
        // a candidate with more votes than expressed ballots still fails the check
        Map<String, Long> votes = new HashMap<>(read.rows.get(4).result().getVotes());
        votes.put("1", 71L);
        StationResult tooMany = read.rows.get(4).result().toBuilder().votes(votes).build();
        assertThat(tooMany.inconsistencies(true)).containsExactly("candidate 1 has 71 votes, more than the 70 expressed");
        assertThat(read.rows).hasSize(5);
        for (ResultsReader.Row row : read.rows.subList(0, 4)) {
            assertThat(row.result().inconsistencies(read.layout.severalPerBallotAt(row.candidates()))).as("at %s", row.result().getStation()).isEmpty();
        }
    }

    @Test
    void aStationWithoutListNamesOutsideMunicipalFilesKeepsTheSumCheck() {
        // the regional 2015 group has a person and a list too, but its lists are numbered N°Liste
        Read regional = read("regionales-2015-t1-bv.csv");
        assertThat(regional.layout.municipal).isFalse();
        List<Candidate> unnamed = List.of(Candidate.of("1", "1", "Julie BESSON", null, null));
        assertThat(regional.layout.severalPerBallotAt(unnamed)).isFalse();
        // in a 1,000+ municipal file a station with lists keeps the sum check
        Read municipal = read("municipales-2026-t1-bv.csv");
        assertThat(municipal.layout.municipal).isTrue();
        assertThat(municipal.layout.severalPerBallotAt(municipal.rows.get(0).candidates())).isFalse();
        assertThat(municipal.layout.severalPerBallotAt(unnamed)).isTrue();
    }

    @Test
    void presidential2017BothRounds() {
        Read first = read("presidentielle-2017-t1-bv.csv");
        station(first, 0, "0001", 758, 571, 565, Map.of("1", 50L, "2", 7L, "11", 95L));
        station(first, 1, "0002", 817, 593, 584, Map.of("1", 87L, "2", 44L, "11", 35L));
        station(first, 2, "0003", 876, 615, 603, Map.of("1", 27L, "2", 81L, "11", 72L));
        allAddUp(first, 4, 11);
        Read second = read("presidentielle-2017-t2-bv.csv");
        station(second, 0, "0001", 272, 85, 79, Map.of("1", 61L, "2", 18L));
        station(second, 1, "0002", 386, 162, 153, Map.of("1", 98L, "2", 55L));
        station(second, 2, "0003", 403, 142, 130, Map.of("1", 38L, "2", 92L));
        allAddUp(second, 4, 2);
    }

    @Test
    void presidential2022BothRounds() {
        Read first = read("presidentielle-2022-t1-bv.csv");
        station(first, 0, "0001", 783, 596, 590, Map.of("1", 72L, "2", 29L, "12", 74L));
        station(first, 1, "0002", 782, 558, 549, Map.of("1", 12L, "2", 66L, "12", 14L));
        station(first, 2, "0003", 878, 617, 605, Map.of("1", 49L, "2", 6L, "12", 51L));
        allAddUp(first, 4, 12);
        Read second = read("presidentielle-2022-t2-bv.csv");
        station(second, 0, "0001", 316, 129, 123, Map.of("1", 83L, "2", 40L));
        station(second, 1, "0002", 333, 109, 100, Map.of("1", 23L, "2", 77L));
        station(second, 2, "0003", 350, 89, 77, Map.of("1", 60L, "2", 17L));
        allAddUp(second, 4, 2);
    }

    @Test
    void legislative2017And2022WithNuancePerCandidate() {
        Read y2017 = read("legislatives-2017-t1-bv.csv");
        station(y2017, 0, "0001", 630, 443, 437, Map.of("1", 94L, "2", 51L, "9", 36L));
        station(y2017, 1, "0002", 712, 488, 479, Map.of("1", 34L, "2", 88L, "9", 73L));
        station(y2017, 2, "0003", 794, 533, 521, Map.of("1", 71L, "2", 28L, "9", 13L));
        assertThat(y2017.rows.get(0).candidates().get(0).getNuance()).isEqualTo("COM");
        allAddUp(y2017, 4, 9);
        // 2022: ten groups in the header, eight candidates here: the two empty groups at the end are padding
        Read y2022 = read("legislatives-2022-t1-bv.csv");
        station(y2022, 0, "0001", 585, 398, 392, Map.of("1", 8L, "2", 62L, "8", 90L));
        station(y2022, 1, "0002", 630, 406, 397, Map.of("1", 45L, "2", 99L, "8", 30L));
        station(y2022, 2, "0003", 675, 414, 402, Map.of("1", 82L, "2", 39L, "8", 67L));
        assertThat(y2022.rows.get(2).candidates()).extracting(Candidate::getNuance)
                .containsExactly("DXG", "NUP", "ENS", "LR", "RN", "REC", "DVD", "DIV");
        allAddUp(y2022, 4, 8);
    }

    @Test
    void legislative2024WithNumberedGroups() {
        Read read = read("legislatives-2024-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE_NUMBERED);
        station(read, 0, "0001", 572, 385, 379, Map.of("1", 19L, "2", 73L, "7", 47L));
        station(read, 1, "0002", 580, 356, 347, Map.of("1", 56L, "2", 13L, "7", 84L));
        station(read, 2, "0003", 588, 327, 315, Map.of("1", 93L, "2", 50L, "7", 24L));
        assertThat(read.rows.get(0).candidates().get(1).getNuance()).isEqualTo("UG");
        allAddUp(read, 3, 7);
    }

    @Test
    void european2019With34Lists() {
        Read read = read("europeennes-2019-bv.csv");
        station(read, 0, "0001", 1882, 1695, 1689, Map.of("1", 30L, "2", 84L, "34", 36L));
        station(read, 1, "0002", 2016, 1792, 1783, Map.of("1", 67L, "2", 24L, "34", 73L));
        station(read, 2, "0003", 2053, 1792, 1780, Map.of("1", 7L, "2", 61L, "34", 13L));
        assertThat(read.rows.get(0).candidates().get(33).getList()).isEqualTo("GILETS JAUNES");
        allAddUp(read, 4, 34);
    }

    @Test
    void european2024With38NumberedLists() {
        Read read = read("europeennes-2024-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE_NUMBERED);
        station(read, 0, "0001", 2188, 2001, 1995, Map.of("1", 41L, "2", 95L, "38", 64L));
        station(read, 1, "0002", 2276, 2052, 2043, Map.of("1", 78L, "2", 35L, "38", 4L));
        station(read, 2, "0003", 2170, 1909, 1897, Map.of("1", 18L, "2", 72L, "38", 41L));
        assertThat(read.rows.get(0).candidates().get(37).getList()).isEqualTo("LISTE 38");
        allAddUp(read, 3, 38);
    }

    @Test
    void departmental2015WithTheBinomeInOneColumn() {
        Read read = read("departementales-2015-t1-bv.csv");
        station(read, 0, "0001", 337, 150, 144, Map.of("1", 52L, "2", 9L, "4", 20L));
        station(read, 1, "0002", 525, 301, 292, Map.of("1", 89L, "2", 46L, "4", 57L));
        station(read, 2, "0003", 519, 258, 246, Map.of("1", 29L, "2", 83L, "4", 94L));
        Candidate first = read.rows.get(0).candidates().get(0);
        assertThat(first.getName()).isEqualTo("M. BESSON Marc et Mme LAFONT Sophie");
        assertThat(first.isNamedBy("Besson Marc")).as("either member of the binôme names it").isTrue();
        assertThat(first.isNamedBy("sophie lafont")).isTrue();
        allAddUp(read, 4, 4);
    }

    @Test
    void departmental2021WithTheBinomeInOneColumnAsIn2015() {
        Read read = read("departementales-2021-t1-bv.csv");
        station(read, 0, "0001", 461, 274, 268, Map.of("1", 63L, "2", 20L, "5", 80L));
        station(read, 1, "0002", 395, 171, 162, Map.of("1", 3L, "2", 57L, "5", 20L));
        station(read, 2, "0003", 523, 262, 250, Map.of("1", 40L, "2", 94L, "5", 57L));
        Candidate first = read.rows.get(0).candidates().get(0);
        assertThat(first.getName()).isEqualTo("Mme CARON Julie et M. NOËL Hugo");
        assertThat(first.isNamedBy("noel hugo")).as("either member of the binôme names it").isTrue();
        assertThat(first.isNamedBy("Julie Caron")).isTrue();
        allAddUp(read, 4, 5);
    }

    @Test
    void regional2015And2021WithListsAndDepartmentalSections() {
        Read y2015 = read("regionales-2015-t1-bv.csv");
        station(y2015, 0, "0001", 628, 441, 435, Map.of("1", 74L, "2", 31L, "8", 59L));
        station(y2015, 1, "0002", 673, 449, 440, Map.of("1", 14L, "2", 68L, "8", 96L));
        station(y2015, 2, "0003", 621, 360, 348, Map.of("1", 51L, "2", 8L, "8", 36L));
        // the name is the head of the list's departmental section
        assertThat(y2015.rows.get(0).candidates().get(0).getName()).isEqualTo("Julie JOUVE");
        allAddUp(y2015, 4, 8);
        Read y2021 = read("regionales-2021-t1-bv.csv");
        station(y2021, 0, "0001", 549, 362, 356, Map.of("1", 85L, "2", 42L, "7", 16L));
        station(y2021, 1, "0002", 654, 430, 421, Map.of("1", 25L, "2", 79L, "7", 53L));
        station(y2021, 2, "0003", 662, 401, 389, Map.of("1", 62L, "2", 19L, "7", 90L));
        assertThat(y2021.rows.get(0).candidates().get(0).getList()).isEqualTo("REGION 1");
        allAddUp(y2021, 4, 7);
    }

    @Test
    void theConsolidatedLongFileStillReads() {
        Read read = read("resultats-long.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.LONG);
        assertThat(read.rows).hasSize(6);
        assertThat(read.rows.get(3).result().getStation()).isEqualTo("0002");
        assertThat(read.rows.get(3).result().getVotes()).isEqualTo(Map.of("Agir pour Saint-Exemple", 290L));
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

    private static void station(Read read, int index, String code, long registered, long voters, long expressed, Map<String, Long> votes) {
        StationResult result = read.rows.get(index).result();
        assertThat(result.getStation()).isEqualTo(code);
        assertThat(result.getRegistered()).as("registered at %s", code).isEqualTo(registered);
        assertThat(result.getVoters()).as("voters at %s", code).isEqualTo(voters);
        assertThat(result.getExpressed()).as("expressed at %s", code).isEqualTo(expressed);
        votes.forEach((key, count) -> assertThat(result.getVotes()).as("votes at %s", code).containsEntry(key, count));
    }

    private static void allAddUp(Read read, int stations, int candidates) {
        assertThat(read.rows).hasSize(stations);
        for (ResultsReader.Row row : read.rows) {
            assertThat(row.candidates()).as("candidates at %s", row.result().getStation()).hasSize(candidates);
            assertThat(row.result().inconsistencies(read.layout.severalPerBallotAt(row.candidates()))).as("at %s", row.result().getStation()).isEmpty();
        }
    }
}
