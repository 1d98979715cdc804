package org.turnout.precinct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.importing.ImportFailedException;

/** The header shapes of the Ministry's files for each kind of election, and the long file, read row by row. */
class ResultsReaderTest {

    @Test
    void legislativeFileWithNuancePerCandidate() {
        ResultsReader.Row row = read(
                "Code du département;Libellé du département;Code de la circonscription;Libellé de la circonscription;Code de la commune;"
                        + "Libellé de la commune;Code du b.vote;Inscrits;Abstentions;% Abs/Ins;Votants;% Vot/Ins;Blancs;% Blancs/Ins;"
                        + "% Blancs/Vot;Nuls;% Nuls/Ins;% Nuls/Vot;Exprimés;% Exp/Ins;% Exp/Vot;N°Panneau;Sexe;Nom;Prénom;Nuance;Voix;"
                        + "% Voix/Ins;% Voix/Exp",
                "33;Gironde;12;12e;33999;Saint-Exemple;0003;1 359;212;15,60;1147;84,40;28;2,06;2,44;5;0,37;0,44;1114;81,97;97,12;"
                        + "1;M;ARNAUD;Claire;ENS;614;45,18;55,12;2;F;BESSON;Julie;NUP;500;36,79;44,88;;;;;;;;");
        assertThat(row.result().station()).isEqualTo("0003");
        assertThat(row.result().registered()).isEqualTo(1359);
        assertThat(row.result().votes()).isEqualTo(Map.of("1", 614L, "2", 500L));
        assertThat(row.candidates()).extracting(Candidate::nuance).containsExactly("ENS", "NUP");
        assertThat(row.result().inconsistencies()).isEmpty();
        assertThat(row.commune()).isEqualTo("33999");
        assertThat(row.abstentions()).isEqualTo(212L);
    }

    @Test
    void municipalFileWithListsAndNuanceCodes() {
        ResultsLayout layout = ResultsLayout.of(split("Code du département;Libellé du département;Code de la commune;Libellé de la commune;"
                + "Code B.Vote;Inscrits;Abstentions;% Abs/Ins;Votants;% Vot/Ins;Blancs;% Blancs/Ins;% Blancs/Vot;Nuls;% Nuls/Ins;"
                + "% Nuls/Vot;Exprimés;% Exp/Ins;% Exp/Vot;N°Panneau;Code Nuance;Sexe;Nom;Prénom;Liste;Voix;% Voix/Ins;% Voix/Exp"));
        assertThat(layout.shape).isEqualTo(ResultsLayout.Shape.WIDE);
        assertThat(layout.hasLists()).isTrue();
        ResultsReader.Row row = new ResultsReader(layout).read(2, split("33;Gironde;33999;Saint-Exemple;0001;800;300;0;500;0;10;0;0;10;0;0;"
                + "480;0;0;1;LDVG;F;BESSON;Julie;Saint-Exemple Ensemble;300;0;0;2;LDVD;M;CARON;Marc;Agir pour Saint-Exemple;170;0;0"));
        assertThat(row.result().votes()).isEqualTo(Map.of("1", 300L, "2", 170L));
        assertThat(row.candidates().get(0).isNamedBy("saint-exemple ensemble")).isTrue();
        assertThat(row.candidates().get(1).isNamedBy("LDVD")).isTrue();
        // 300 + 170 = 470, not the 480 expressed: said, not corrected
        assertThat(row.result().inconsistencies()).containsExactly("the votes of the candidates or lists add up to 470, not to the 480 expressed");
    }

    @Test
    void europeanFileOf2019WithListLabelsAndHeadOfList() {
        ResultsReader.Row row = read("Code du département;Libellé du département;Code de la commune;Libellé de la commune;Code du b.vote;"
                        + "Inscrits;Abstentions;% Abs/Ins;Votants;% Vot/Ins;Blancs;% Blancs/Ins;% Blancs/Vot;Nuls;% Nuls/Ins;% Nuls/Vot;"
                        + "Exprimés;% Exp/Ins;% Exp/Vot;N°Liste;Libellé Abrégé Liste;Libellé Etendu Liste;Nom Tête de Liste;Voix;"
                        + "% Voix/Ins;% Voix/Exp",
                "33;Gironde;33999;Saint-Exemple;0002;700;350;0;350;0;0;0;0;0;0;0;350;0;0;"
                        + "1;EUROPE VERTE;Europe Verte et Solidaire;DUPONT Jean;200;0;0;2;AUTRE;Une autre liste;MARTIN Anne;150;0;0");
        assertThat(row.candidates()).extracting(Candidate::list).containsExactly("EUROPE VERTE", "AUTRE");
        assertThat(row.candidates().get(0).isNamedBy("Europe Verte et Solidaire")).as("the extended label names it too").isFalse();
        assertThat(row.candidates().get(0).isNamedBy("europe verte")).isTrue();
        assertThat(row.candidates().get(0).name()).isEqualTo("DUPONT Jean");
    }

    @Test
    void longFileNeedsNoExpressedColumn() {
        ResultsReader.Row row = read("station;registered;voters;blank;null;list;votes", "0007;1000;600;10;10;Our list;290");
        assertThat(row.result().expressed()).isEqualTo(580);
        assertThat(row.result().votes()).isEqualTo(Map.of("Our list", 290L));
    }

    @Test
    void whatIsNoResultsFileIsSaidPlainly() {
        assertThatThrownBy(() -> ResultsLayout.of(split("Prénom;Nom;Courriel")))
                .isInstanceOf(ImportFailedException.class)
                .hasMessageContaining("no column for station, registered, voters, blank, null");
        assertThatThrownBy(() -> read("Code du b.vote;Inscrits;Votants;Blancs;Nuls;Exprimés;N°Panneau;Nom;Voix", "0001;100;-5;0;0;0;1;A;0"))
                .isInstanceOf(ResultsReader.RowError.class).hasMessage("voters is not a whole number: '-5'");
    }

    private static ResultsReader.Row read(String header, String row) {
        return new ResultsReader(ResultsLayout.of(split(header))).read(2, split(row));
    }

    private static List<String> split(String line) {
        return Arrays.asList(line.split(";", -1));
    }
}
