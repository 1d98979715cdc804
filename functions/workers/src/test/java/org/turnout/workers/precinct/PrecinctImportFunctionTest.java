package org.turnout.workers.precinct;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.turnout.local.RepositoryRoot;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationBuilder;
import org.turnout.organisation.OrganisationRepository;
import org.turnout.precinct.Election;
import org.turnout.precinct.ElectionRepository;
import org.turnout.precinct.StationResult;
import org.turnout.testing.LocalStackResource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The S3 notification of events/s3-put-election.json through PrecinctImportFunction's real
 * handler: a Ministry file copied straight into the bucket with its metadata, delivered twice.
 */
@QuarkusTest
@TestProfile(PrecinctImportFunctionTest.PrecinctsHandler.class)
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class PrecinctImportFunctionTest {
    private static final String RESULTS = """
            Code du département;Libellé du département;Code de la commune;Libellé de la commune;Code du b.vote;Inscrits;Abstentions;% Abs/Ins;Votants;% Vot/Ins;Blancs;% Blancs/Ins;% Blancs/Vot;Nuls;% Nuls/Ins;% Nuls/Vot;Exprimés;% Exp/Ins;% Exp/Vot;N°Panneau;Sexe;Nom;Prénom;Voix;% Voix/Ins;% Voix/Exp
            33;Gironde;33999;Saint-Exemple;0001;843;326;38,67;517;61,33;4;0,47;0,77;7;0,83;1,35;506;60,02;97,87;1;M;ARNAUD;Claire;109;12,93;21,54;2;F;BESSON;Julie;397;47,09;78,46
            33;Gironde;33999;Saint-Exemple;0002;796;436;54,77;360;45,23;6;0,75;1,67;4;0,50;1,11;350;43,97;97,22;1;M;ARNAUD;Claire;78;9,80;22,29;2;F;BESSON;Julie;272;34,17;77,71
            33;Gironde;33063;Bordeaux;0001;1000;500;50,00;500;50,00;0;0,00;0,00;0;0,00;0,00;500;50,00;100,00;1;M;ARNAUD;Claire;250;25,00;50,00;2;F;BESSON;Julie;250;25,00;50,00
            """;

    public static class PrecinctsHandler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "precincts");
        }
    }

    @Inject
    OrganisationRepository organisations;
    @Inject
    ElectionRepository elections;

    @BeforeEach
    void runAsPrecinctImportFunction() {
        LocalStackResource.runAs("PrecinctImportFunction");
    }

    @Test
    void s3PutEventImportsTheElectionOnceHoweverOftenItIsDelivered() throws IOException {
        String org = "elec-" + UUID.randomUUID().toString().substring(0, 8);
        Organisation organisation = OrganisationBuilder.builder()
                .id(org)
                .name("Saint-Exemple")
                .build();
        organisations.create(organisation);
        String bucket = LocalStackResource.stack.resources().physicalName("Bucket");
        byte[] file = RESULTS.getBytes(StandardCharsets.ISO_8859_1);
        // staff's upload, as the administrator of the stack
        String etag = LocalStackResource.stack.clients().s3().putObject(b -> b.bucket(bucket).key("elections/" + org + "/présidentielle 2022.csv")
                .metadata(Map.of("election-name", "Présidentielle 2022", "election-date", "2022-04-10", "commune", "33999")),
                RequestBody.fromBytes(file)).eTag();

        String event = Files.readString(RepositoryRoot.locate().path().resolve("events/s3-put-election.json"))
                .replace("${BUCKET}", bucket).replace("${ORG}", org).replace("${SIZE}", Integer.toString(file.length))
                .replace("${ETAG}", etag.replace("\"", ""));
        String first = given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString();
        String again = given().contentType(ContentType.JSON).body(event).post("/_lambda_").then().statusCode(200).extract().asString();

        assertThat(first).contains(":DONE");
        assertThat(again).contains(":SKIPPED");
        List<Election> imported = elections.list(org, 10);
        assertThat(imported).singleElement().satisfies(election -> {
            assertThat(election.name()).isEqualTo("Présidentielle 2022");
            assertThat(election.date()).isEqualTo("2022-04-10");
            assertThat(election.stations()).as("Bordeaux's row is not Saint-Exemple's").isEqualTo(2L);
            assertThat(election.warnings()).isZero();
        });
        List<StationResult> stations = elections.stations(org, imported.get(0).electionId());
        assertThat(stations).extracting(StationResult::station).containsExactly("0001", "0002");
        assertThat(stations.get(0).votes()).isEqualTo(Map.of("1", 109L, "2", 397L));
        assertThat(stations.get(0).expressed()).isEqualTo(506L);
    }
}
