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
        stations(read, """
                0 | 0001 | 347 | 160 | 154 | AMBITION POUR SAINT-EXEMPLE=6, VIVONS NOTRE VILLE=60, SAINT-EXEMPLE À GAUCHE=71
                1 | 0002 | 438 | 214 | 205 | AMBITION POUR SAINT-EXEMPLE=43, VIVONS NOTRE VILLE=97, SAINT-EXEMPLE À GAUCHE=11
                2 | 0003 | 529 | 268 | 256 | AMBITION POUR SAINT-EXEMPLE=80, VIVONS NOTRE VILLE=37, SAINT-EXEMPLE À GAUCHE=48
                """);
        // "Blancs et nuls" 00000006 at 0001: counted as null, as they were then
        assertThat(read.rows.get(0).result().nulls()).isEqualTo(6);
        // department 33 and commune 999: the INSEE code staff give
        assertThat(read.rows.get(0).commune()).isEqualTo("33999");
        assertThat(read.rows.get(0).result().blank()).isZero();
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::nuance).containsExactly("LDVG", "LREM", "LMDM", "LUDI");
        allAddUp(read, 4, 4);
    }

    @Test
    void municipal2020WithListGroupsWithoutSeatColumns() {
        Read read = read("municipales-2020-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(read.layout.hasLists()).isTrue();
        stations(read, """
                0 | 0001 | 309 | 122 | 116 | 1=17, 2=71, 3=28
                1 | 0002 | 363 | 139 | 130 | 1=54, 2=11, 3=65
                2 | 0003 | 417 | 156 | 144 | 1=91, 2=48, 3=5
                """);
        // Windows-1252's typographic apostrophe (0x92), which Latin-1 does not have
        assertThat(read.rows.get(0).candidates().get(1).list()).isEqualTo("L’Avenir en commun à Saint-Exemple");
        assertThat(read.rows.get(0).candidates().get(1).name()).isEqualTo("Marc CARON");
        assertThat(read.rows.get(0).commune()).isEqualTo("33999");
        allAddUp(read, 4, 3);
    }

    @Test
    void municipal2026WithSeatColumns() {
        Read read = read("municipales-2026-t1-bv.csv");
        stations(read, """
                0 | 0001 | 480 | 293 | 287 | 1=28, 2=82, 5=45
                1 | 0002 | 511 | 287 | 278 | 1=65, 2=22, 5=82
                2 | 0003 | 445 | 184 | 172 | 1=5, 2=59, 5=22
                """);
        assertThat(read.rows.get(0).candidates()).extracting(Candidate::list)
                .containsExactly("Saint-Exemple Écologie", "Un nouveau souffle", "Saint-Exemple d’abord", "Fiers de Saint-Exemple", "Lutte ouvrière");
        allAddUp(read, 4, 5);
    }

    @Test
    void municipalUnder1000WithSeveralElectedOnOneBallot() {
        Read read = read("municipales-2020-t1-moins-1000-bv.csv");
        assertThat(read.layout.severalPerBallot).isTrue();
        stations(read, """
                0 | 1 | 316 | 226 | 220 | 1=110, 2=137, 9=110
                1 | 2 | 359 | 269 | 260 | 1=130, 2=162, 9=130
                2 | 3 | 402 | 312 | 300 | 1=150, 2=187, 9=150
                """);
        // 9 candidates, each on up to every ballot: their votes add up to more than the 220 expressed, and that is right
        assertThat(read.rows.get(0).result().votes().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(220);
        assertThat(read.rows.get(0).result().inconsistencies(false)).isNotEmpty();
        allAddUp(read, 3, 9);
    }

    @Test
    void municipal2020StationFileWithCommunesUnder1000WithoutListNames() {
        Read read = read("municipales-2020-t1-toutes-communes-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(read.layout.severalPerBallot).isFalse();
        // Petit-Exemple (996) and Hameau-Exemple (998), under 1,000: people without a list, several elected
        stations(read, """
                0 | 0001 | 412 | 301 | 294 | 1=212, 2=187, 8=121
                1 | 0002 | 389 | 270 | 263 | 1=190, 2=201, 8=131
                4 | 0001 | 86  | 71  | 70  | 1=66, 2=58, 5=37
                """);
        // Val-Exemple (997), 1,000+: lists, one per ballot
        stations(read, """
                2 | 0001 | 702 | 388 | 377 | 1=161, 2=129, 3=87
                3 | 0002 | 655 | 351 | 344 | 1=98, 2=150, 3=96
                """);
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
    void presidential2017BothRounds() {
        Read first = read("presidentielle-2017-t1-bv.csv");
        stations(first, """
                0 | 0001 | 758 | 571 | 565 | 1=50, 2=7, 11=95
                1 | 0002 | 817 | 593 | 584 | 1=87, 2=44, 11=35
                2 | 0003 | 876 | 615 | 603 | 1=27, 2=81, 11=72
                """);
        allAddUp(first, 4, 11);
        Read second = read("presidentielle-2017-t2-bv.csv");
        stations(second, """
                0 | 0001 | 272 | 85  | 79  | 1=61, 2=18
                1 | 0002 | 386 | 162 | 153 | 1=98, 2=55
                2 | 0003 | 403 | 142 | 130 | 1=38, 2=92
                """);
        allAddUp(second, 4, 2);
    }

    @Test
    void presidential2022BothRounds() {
        Read first = read("presidentielle-2022-t1-bv.csv");
        stations(first, """
                0 | 0001 | 783 | 596 | 590 | 1=72, 2=29, 12=74
                1 | 0002 | 782 | 558 | 549 | 1=12, 2=66, 12=14
                2 | 0003 | 878 | 617 | 605 | 1=49, 2=6, 12=51
                """);
        allAddUp(first, 4, 12);
        Read second = read("presidentielle-2022-t2-bv.csv");
        stations(second, """
                0 | 0001 | 316 | 129 | 123 | 1=83, 2=40
                1 | 0002 | 333 | 109 | 100 | 1=23, 2=77
                2 | 0003 | 350 | 89  | 77  | 1=60, 2=17
                """);
        allAddUp(second, 4, 2);
    }

    @Test
    void legislative2017And2022WithNuancePerCandidate() {
        Read y2017 = read("legislatives-2017-t1-bv.csv");
        stations(y2017, """
                0 | 0001 | 630 | 443 | 437 | 1=94, 2=51, 9=36
                1 | 0002 | 712 | 488 | 479 | 1=34, 2=88, 9=73
                2 | 0003 | 794 | 533 | 521 | 1=71, 2=28, 9=13
                """);
        assertThat(y2017.rows.get(0).candidates().get(0).nuance()).isEqualTo("COM");
        allAddUp(y2017, 4, 9);
        // 2022: ten groups in the header, eight candidates here: the two empty groups at the end are padding
        Read y2022 = read("legislatives-2022-t1-bv.csv");
        stations(y2022, """
                0 | 0001 | 585 | 398 | 392 | 1=8, 2=62, 8=90
                1 | 0002 | 630 | 406 | 397 | 1=45, 2=99, 8=30
                2 | 0003 | 675 | 414 | 402 | 1=82, 2=39, 8=67
                """);
        assertThat(y2022.rows.get(2).candidates()).extracting(Candidate::nuance)
                .containsExactly("DXG", "NUP", "ENS", "LR", "RN", "REC", "DVD", "DIV");
        allAddUp(y2022, 4, 8);
    }

    @Test
    void legislative2024WithNumberedGroups() {
        Read read = read("legislatives-2024-t1-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE_NUMBERED);
        stations(read, """
                0 | 0001 | 572 | 385 | 379 | 1=19, 2=73, 7=47
                1 | 0002 | 580 | 356 | 347 | 1=56, 2=13, 7=84
                2 | 0003 | 588 | 327 | 315 | 1=93, 2=50, 7=24
                """);
        assertThat(read.rows.get(0).candidates().get(1).nuance()).isEqualTo("UG");
        allAddUp(read, 3, 7);
    }

    @Test
    void european2019With34Lists() {
        Read read = read("europeennes-2019-bv.csv");
        stations(read, """
                0 | 0001 | 1882 | 1695 | 1689 | 1=30, 2=84, 34=36
                1 | 0002 | 2016 | 1792 | 1783 | 1=67, 2=24, 34=73
                2 | 0003 | 2053 | 1792 | 1780 | 1=7, 2=61, 34=13
                """);
        assertThat(read.rows.get(0).candidates().get(33).list()).isEqualTo("GILETS JAUNES");
        allAddUp(read, 4, 34);
    }

    @Test
    void european2024With38NumberedLists() {
        Read read = read("europeennes-2024-bv.csv");
        assertThat(read.layout.shape).isEqualTo(ResultsLayout.Shape.WIDE_NUMBERED);
        stations(read, """
                0 | 0001 | 2188 | 2001 | 1995 | 1=41, 2=95, 38=64
                1 | 0002 | 2276 | 2052 | 2043 | 1=78, 2=35, 38=4
                2 | 0003 | 2170 | 1909 | 1897 | 1=18, 2=72, 38=41
                """);
        assertThat(read.rows.get(0).candidates().get(37).list()).isEqualTo("LISTE 38");
        allAddUp(read, 3, 38);
    }

    @Test
    void departmental2015WithTheBinomeInOneColumn() {
        Read read = read("departementales-2015-t1-bv.csv");
        stations(read, """
                0 | 0001 | 337 | 150 | 144 | 1=52, 2=9, 4=20
                1 | 0002 | 525 | 301 | 292 | 1=89, 2=46, 4=57
                2 | 0003 | 519 | 258 | 246 | 1=29, 2=83, 4=94
                """);
        Candidate first = read.rows.get(0).candidates().get(0);
        assertThat(first.name()).isEqualTo("M. BESSON Marc et Mme LAFONT Sophie");
        assertThat(first.isNamedBy("Besson Marc")).as("either member of the binôme names it").isTrue();
        assertThat(first.isNamedBy("sophie lafont")).isTrue();
        allAddUp(read, 4, 4);
    }

    @Test
    void departmental2021WithTheBinomeInOneColumnAsIn2015() {
        Read read = read("departementales-2021-t1-bv.csv");
        stations(read, """
                0 | 0001 | 461 | 274 | 268 | 1=63, 2=20, 5=80
                1 | 0002 | 395 | 171 | 162 | 1=3, 2=57, 5=20
                2 | 0003 | 523 | 262 | 250 | 1=40, 2=94, 5=57
                """);
        Candidate first = read.rows.get(0).candidates().get(0);
        assertThat(first.name()).isEqualTo("Mme CARON Julie et M. NOËL Hugo");
        assertThat(first.isNamedBy("noel hugo")).as("either member of the binôme names it").isTrue();
        assertThat(first.isNamedBy("Julie Caron")).isTrue();
        allAddUp(read, 4, 5);
    }

    @Test
    void regional2015And2021WithListsAndDepartmentalSections() {
        Read y2015 = read("regionales-2015-t1-bv.csv");
        stations(y2015, """
                0 | 0001 | 628 | 441 | 435 | 1=74, 2=31, 8=59
                1 | 0002 | 673 | 449 | 440 | 1=14, 2=68, 8=96
                2 | 0003 | 621 | 360 | 348 | 1=51, 2=8, 8=36
                """);
        // the name is the head of the list's departmental section
        assertThat(y2015.rows.get(0).candidates().get(0).name()).isEqualTo("Julie JOUVE");
        allAddUp(y2015, 4, 8);
        Read y2021 = read("regionales-2021-t1-bv.csv");
        stations(y2021, """
                0 | 0001 | 549 | 362 | 356 | 1=85, 2=42, 7=16
                1 | 0002 | 654 | 430 | 421 | 1=25, 2=79, 7=53
                2 | 0003 | 662 | 401 | 389 | 1=62, 2=19, 7=90
                """);
        assertThat(y2021.rows.get(0).candidates().get(0).list()).isEqualTo("REGION 1");
        allAddUp(y2021, 4, 7);
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

    /**
     * Checks stations against a table, one line each: the row's index in the file | the station | registered |
     * voters | expressed | some of its votes, as {@code candidate or list=count, ...}.
     */
    private static void stations(Read read, String table) {
        table.lines().forEach(line -> {
            String[] cells = line.split("\\|");
            StationResult result = read.rows.get(Integer.parseInt(cells[0].strip())).result();
            String code = cells[1].strip();
            assertThat(result.station()).isEqualTo(code);
            assertThat(result.registered()).as("registered at %s", code).isEqualTo(Long.parseLong(cells[2].strip()));
            assertThat(result.voters()).as("voters at %s", code).isEqualTo(Long.parseLong(cells[3].strip()));
            assertThat(result.expressed()).as("expressed at %s", code).isEqualTo(Long.parseLong(cells[4].strip()));
            for (String vote : cells[5].split(",")) {
                String[] candidate = vote.strip().split("=");
                assertThat(result.votes()).as("votes at %s", code).containsEntry(candidate[0], Long.parseLong(candidate[1]));
            }
        });
    }

    private static void allAddUp(Read read, int stations, int candidates) {
        assertThat(read.rows).hasSize(stations);
        for (ResultsReader.Row row : read.rows) {
            assertThat(row.candidates()).as("candidates at %s", row.result().station()).hasSize(candidates);
            assertThat(row.result().inconsistencies(read.layout.severalPerBallotAt(row.candidates()))).as("at %s", row.result().station()).isEmpty();
        }
    }
}
