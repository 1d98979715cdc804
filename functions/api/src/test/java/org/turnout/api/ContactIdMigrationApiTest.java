package org.turnout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.turnout.api.ApiTestSupport.newOrganisation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.turnout.testing.LocalStackResource;

/** The migration to keyed contact ids is an operator's route; what it moves is tested in ContactIdMigrationTest. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
class ContactIdMigrationApiTest {

    @Test
    void onlyOperatorsRunItAndItSaysWhereEveryOrganisationStands() {
        String org = newOrganisation("mig");

        given().post("/v1/admin/migrations/contact-ids").then().statusCode(401);
        given().auth().oauth2(LocalStackResource.staffToken(org)).post("/v1/admin/migrations/contact-ids")
                .then().statusCode(403).contentType("application/problem+json");

        // other tests' organisations share the table: the operator calls again until this one is done
        String phase = null;
        for (int call = 0; call < 20 && !"DONE".equals(phase); call++) {
            phase = given().auth().oauth2(LocalStackResource.operatorToken()).post("/v1/admin/migrations/contact-ids")
                    .then().statusCode(200)
                    .body("done", notNullValue())
                    .body("organisations.organisation", hasItem(org))
                    .extract().path("organisations.find { it.organisation == '" + org + "' }.phase");
        }
        assertThat(phase).isEqualTo("DONE");
    }
}
