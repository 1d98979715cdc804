package org.turnout.workers.roll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.canvass.WalkList;
import org.turnout.canvass.WalkListService;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.roll.ElectoralRollService;
import org.turnout.roll.RetentionSettings;
import org.turnout.roll.RollImport;
import org.turnout.roll.VoterRepository;
import org.turnout.testing.LocalStackResource;
import org.turnout.workers.StaffSetup;
import org.turnout.workers.importing.ImportEvent;
import org.turnout.workers.precinct.ImportPrecinctFilesHandler;
import org.turnout.workers.precinct.PrecinctsHandler;
import org.turnout.workers.sending.InvocationContext;

/**
 * A generated roll of 5,000 voters in the Ministry's layout, dropped under rolls/ and delivered by
 * the S3 notification of events/s3-put-roll.json to PrecinctImportFunction's real handler and role:
 * the walk list of a station lists every voter of that station once. Then the daily schedule's
 * event (events/scheduler-roll-purge.json) purges it once its retention has passed.
 */
@QuarkusTest
@TestProfile(PrecinctsHandler.class)
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class RollImportFunctionTest {
    static final String HEADER = "TypeListe;InfoListe;DateCreationListe;CodeDepartement;CodeCommune;NomCommune;NoElecteurGeneral;Sexe;"
            + "NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;NomComNaissance;DeptNaissance;PaysNaissance;Nationalite;NomBureauDeVote;"
            + "NoBureauDeVote;CodeCanton;CodeCirconscription;ComplementDeLocalisation1;ComplementDeLocalisation2;NumeroVoie;TypeVoie;"
            + "LibelleVoie;LieuDit;CodePostal;VilleLocalite;Pays";
    static final int VOTERS = 5000;
    static final int STATIONS = 4;
    /** Voters a door: three, so that doors are shared; the last door holds what is left. */
    static final int PER_DOOR = 3;
    static final List<String> LAST_NAMES = List.of("MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS",
            "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD",
            "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER", "LEFEVRE", "FAURE", "ANDRE", "MERCIER", "BLANC",
            "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "FRANCOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLEMENT", "MORIN",
            "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON");
    static final List<String> FIRST_NAMES = List.of("Marie", "Jean", "Anne", "Pierre", "Claire", "Louis", "Sophie", "Paul", "Julie",
            "Luc", "Emma", "Hugo", "Léa", "Jules", "Chloé", "Noé", "Inès", "Théo", "Zoé", "Adam");
    static final List<List<String>> STREETS = List.of(
            List.of("DE LA PAIX", "DES ÉCOLES", "DU MOULIN", "VICTOR HUGO", "JEAN JAURÈS", "DE LA GARE"),
            List.of("DES CHÊNES", "DES TILLEULS", "DU STADE", "PASTEUR", "DE VERDUN", "DES LILAS"),
            List.of("DU PORT", "DE LA MAIRIE", "DES ROSES", "GAMBETTA", "DU CHÂTEAU", "DES PINS"),
            List.of("DE L'ÉGLISE", "DU MARCHÉ", "DES VIGNES", "FOCH", "DE LA POSTE", "DES ACACIAS"));
    static final List<String> TYPES = List.of("RUE", "AV", "BD", "ALL", "IMP", "PL");

    @Inject
    OrganisationRepository organisations;
    @Inject
    VoterRepository voters;
    @Inject
    ElectoralRollService roll;
    @Inject
    WalkListService walkLists;
    @Inject
    ImportPrecinctFilesHandler handler;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void runAsPrecinctImportFunction() {
        LocalStackResource.runAs("PrecinctImportFunction");
    }

    /** One generated voter; {@code i} from 0 says everything about them. */
    record Generated(int i) {
        int door() {
            return i / PER_DOOR;
        }

        String station() {
            return "000" + (1 + door() % STATIONS);
        }

        String type() {
            return TYPES.get((door() / STATIONS) % 6);
        }

        String street() {
            return STREETS.get(door() % STATIONS).get((door() / STATIONS) % 6);
        }

        int number() {
            return 1 + door() / (STATIONS * 6);
        }

        String lastName() {
            return LAST_NAMES.get(i % LAST_NAMES.size());
        }

        String firstNames() {
            return FIRST_NAMES.get((i / LAST_NAMES.size()) % FIRST_NAMES.size());
        }

        String row() {
            String birth = LocalDate.of(1940 + i % 60, 1 + i % 12, 1 + i % 28).toString();
            String[] ymd = birth.split("-");
            return String.join(";", i % 97 == 0 ? "LCE" : "LG", "liste électorale", "01/12/2026", "33", "33999", "SAINT-EXEMPLE",
                    Integer.toString(i + 1), i % 2 == 0 ? "F" : "M", lastName(), "", firstNames(), ymd[2] + "/" + ymd[1] + "/" + ymd[0],
                    "BORDEAUX", "33", "", i % 97 == 0 ? "BELGE" : "", "BUREAU " + station(), station(), "3312", "5",
                    i % 10 == 0 ? "APPT " + (i % 30) : "", "", Integer.toString(number()), type(), street(), "", "33999", "SAINT-EXEMPLE", "");
        }
    }

    static String generatedRoll() {
        StringBuilder file = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < VOTERS; i++) {
            file.append(new Generated(i).row()).append("\r\n");
        }
        return file.toString();
    }

    @Test
    void aGeneratedRollOf5000VotersGivesWalkListsOfEveryVoterOfAStation() throws IOException {
        String org = organisation();
        roll.setRetention(org, new RetentionSettings(LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString(), 30), "owner-1");
        byte[] file = generatedRoll().getBytes(StandardCharsets.UTF_8);
        String importId = deliver(org, file, "DONE");

        RollImport report = voters.findImport(org, importId).orElseThrow();
        assertThat(report.status()).as("failure: %s", report.failure()).isEqualTo("done");
        assertThat(List.of(report.rows(), report.voters(), report.doors(), report.rejected()))
                .containsExactly(5000L, 5000L, 1667L, 0L);

        Map<String, List<String>> expected = new HashMap<>();
        for (int i = 0; i < VOTERS; i++) {
            Generated voter = new Generated(i);
            expected.computeIfAbsent(voter.station(), s -> new ArrayList<>()).add(voter.firstNames() + " " + voter.lastName());
        }
        for (String station : List.of("0002", "0003")) {
            WalkList list = LocalStackResource.as("ApiFunction", () -> walkLists.walkList(org, station, 100));
            List<String> listed = list.turfs().stream().flatMap(turf -> turf.doors().stream())
                    .flatMap(door -> door.residents().stream()).map(resident -> resident.name().replaceAll(" \\(APPT \\d+\\)$", "")).toList();
            assertThat(listed).as("station " + station).hasSize(expected.get(station).size())
                    .containsExactlyInAnyOrderElementsOf(expected.get(station));
        }
        // S3 delivers at least once: the same event again finds its import done, and the walk list is as it was
        assertThat(deliver(org, file, "SKIPPED")).isEqualTo(importId);
        assertThat(LocalStackResource.as("ApiFunction", () -> walkLists.walkList(org, "0002", 100)).turfs().stream()
                .mapToLong(turf -> turf.doors().stream().mapToLong(door -> door.residents().size()).sum()).sum())
                .isEqualTo(expected.get("0002").size());

        // by hand: door 1 (voters 3, 4, 5) is the first door of station 0002, 1 RUE DES CHÊNES; door 5 its 2nd, 1 Avenue DES TILLEULS
        WalkList second = LocalStackResource.as("ApiFunction", () -> walkLists.walkList(org, "0002", 100));
        List<WalkList.Door> doors = second.turfs().stream().flatMap(turf -> turf.doors().stream()).toList();
        assertThat(doors).hasSize(417);
        assertThat(doors).filteredOn(door -> door.street().equals("RUE DES CHÊNES") && door.number().equals("1")).singleElement()
                .satisfies(door -> assertThat(door.residents()).extracting(WalkList.Resident::name)
                        .containsExactly("Marie PETIT", "Marie RICHARD", "Marie ROBERT"));
        assertThat(doors).filteredOn(door -> door.street().equals("Avenue DES TILLEULS") && door.number().equals("1")).singleElement()
                .satisfies(door -> assertThat(door.residents()).extracting(WalkList.Resident::name)
                        .containsExactly("Marie BERTRAND", "Marie DAVID", "Marie MOREL"));
    }

    @Test
    void theDailySchedulePurgesARollPastItsRetention() throws IOException {
        String org = organisation();
        roll.setRetention(org, new RetentionSettings(LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString(), 30), "owner-1");
        String small = HEADER + "\n" + new Generated(0).row() + "\n" + new Generated(1).row() + "\n";
        deliver(org, small.getBytes(StandardCharsets.UTF_8), "DONE");
        assertThat(voters.atStation(org, "0001")).hasSize(2);

        String event = Files.readString(RepositoryRoot.locate().path().resolve("events/scheduler-roll-purge.json"));
        assertThat(given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString())
                .startsWith("\"purged:");
        assertThat(voters.atStation(org, "0001")).as("within its retention, the roll stays").hasSize(2);

        // the election was two days ago and the roll is kept no day after it
        roll.setRetention(org, new RetentionSettings(LocalDate.now(ZoneOffset.UTC).minusDays(2).toString(), 0), "owner-1");
        assertThat(roll.votersAt(org, "0001")).isEmpty();
        given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200);
        assertThat(voters.atStation(org, "0001")).isEmpty();
        assertThat(voters.stations(org)).isEmpty();
    }

    private String organisation() {
        String org = "roll-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Saint-Exemple")
                .timeZone("Europe/Paris")
                .build();
        organisations.create(organisation);
        return org;
    }

    /** Staff's upload, then S3's notification to the handler, which ends as {@code expected}; returns the import id. */
    private String deliver(String org, byte[] file, String expected) throws IOException {
        // the handler runs with PrecinctImportFunction's role, whichever role the test took last
        LocalStackResource.runAs("PrecinctImportFunction");
        String event = StaffSetup.upload("s3-put-roll.json", org, "rolls/" + org + "/liste électorale 2026.csv", file, Map.of());
        // the handler itself, as Lambda calls it, with the time Lambda gives at most: the test runtime's
        // event server tells no deadline, and a roll this long checkpoints against it
        String outcome = handler.handleRequest(json.readValue(event, ImportEvent.class), InvocationContext.withBudget("PrecinctImportFunction", 900_000));
        assertThat(outcome).endsWith(":" + expected);
        return outcome.replace("\"", "").split(":")[0];
    }
}
