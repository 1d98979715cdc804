package org.turnout.api.console.settings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.turnout.api.console.ConsoleSessions;
import org.turnout.api.console.ManagedLoginStandIn;
import org.turnout.audit.AuditEntry;
import org.turnout.audit.AuditTrail;
import org.turnout.member.Inviter;
import org.turnout.member.MemberInvitation;
import org.turnout.member.MemberService;
import org.turnout.organisation.OrganisationService;
import org.turnout.organisation.OrganisationSettings;
import org.turnout.organisation.OrganisationSettings.SenderIdentity;
import org.turnout.suppression.SuppressionRequest;
import org.turnout.suppression.SuppressionService;
import org.turnout.testing.LocalStackResource;

/** The owners' settings area on the local emulators and user pool: its guard and CSRF check, its forms, its escaping. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ManagedLoginStandIn.class, restrictToAnnotatedClass = false)
class ConsoleSettingsTest {
    private static final List<String> TABS = List.of("", "/members", "/senders", "/suppressions", "/audit");

    @Inject
    OrganisationService organisations;
    @Inject
    MemberService members;
    @Inject
    SuppressionService suppressions;
    @Inject
    AuditTrail audit;

    @Test
    void onlyOwnersOpenTheSettingsAndEveryChangeNeedsTheSessionsCsrfToken() {
        String org = organisation();
        for (String tab : TABS) {
            String path = settings(org) + tab;
            owner(org).get(path).then().statusCode(200).body(containsString("aria-current=\"page\""));
            for (String refused : List.of(LocalStackResource.staffToken(org), LocalStackResource.volunteerToken(org),
                    LocalStackResource.ownerToken(organisation()))) {
                given().cookie(ConsoleSessions.SESSION, refused).header("Accept-Language", "en").get(path)
                        .then().statusCode(403).body(containsString("Access denied")).body(not(containsString("id=\"panel\"")));
            }
            given().redirects().follow(false).get(path).then().statusCode(303);
        }
        // staff see no settings entry in the navigation
        given().cookie(ConsoleSessions.SESSION, LocalStackResource.staffToken(org)).get("/console/orgs/" + org + "/")
                .then().statusCode(200).body(not(containsString(settings(org) + "\"")));

        String token = LocalStackResource.ownerToken(org);
        for (String csrf : List.of("", "forged", ConsoleSessions.csrfToken(LocalStackResource.ownerToken(organisation())))) {
            given().cookie(ConsoleSessions.SESSION, token).header(ConsoleSessions.CSRF_HEADER, csrf).contentType(ContentType.URLENC)
                    .formParam("name", "Détournée").formParam("language", "fr").formParam("timeZone", "Europe/Paris")
                    .formParam("sendRatePerSecond", "5").put(settings(org)).then().statusCode(403);
            given().cookie(ConsoleSessions.SESSION, token).header(ConsoleSessions.CSRF_HEADER, csrf).contentType(ContentType.URLENC)
                    .formParam("email", "x@example.org").formParam("reason", "r").post(settings(org) + "/suppressions").then().statusCode(403);
        }
        assertThat(organisations.get(org).name()).isEqualTo("Campagne " + org);
        assertThat(suppressions.list(org, null, null).items()).isEmpty();
    }

    @Test
    void theSettingsAreSavedAuditedAndRefusedFieldsAreNamedInTheUsersLanguage() {
        String org = organisation();
        String page = form(org, "fr")
                .formParam("name", "Lyon <b>en commun</b>").formParam("language", "en").formParam("timeZone", "America/Montreal")
                .formParam("sendRatePerSecond", "25").formParam("publicSignup", "on").formParam("allowedTags", "Bénévole\n\nquartier-nord")
                .formParam("version", organisations.get(org).version())
                .put(settings(org)).then().statusCode(200).extract().asString();
        assertThat(page).contains("Les réglages sont enregistrés.", "value=\"Lyon &lt;b&gt;en commun&lt;/b&gt;\"")
                .doesNotContain("<b>en commun");
        OrganisationSettings saved = organisations.get(org).settings();
        assertThat(saved.name()).isEqualTo("Lyon <b>en commun</b>");
        assertThat(saved.language()).isEqualTo("en");
        assertThat(saved.timeZone()).isEqualTo("America/Montreal");
        assertThat(saved.sendRatePerSecond()).isEqualTo(25);
        assertThat(saved.publicSignup()).isTrue();
        assertThat(saved.allowedTags()).containsExactly("bénévole", "quartier-nord");
        AuditEntry entry = audit.list(org, 1, null).items().get(0);
        assertThat(entry.action()).isEqualTo("organisation.update");
        assertThat(entry.detail()).isEqualTo("name,language,timeZone,sendRatePerSecond,publicSignup,allowedTags");
        // the dashboard's header names the organisation as it is now, escaped
        owner(org).get("/console/orgs/" + org + "/").then().statusCode(200).body(containsString("Lyon &lt;b&gt;en commun&lt;/b&gt;"));

        String refused = form(org, "en")
                .formParam("name", "").formParam("language", "en").formParam("timeZone", "Mars/Olympus")
                .formParam("sendRatePerSecond", "5000").formParam("signupOrigins", "http://plain.example.org/path")
                .put(settings(org)).then().statusCode(200).extract().asString();
        assertThat(refused).contains("Required, at most 200 characters.", "Not a known time zone",
                        "A whole number between 1 and 1000.", "Each line must be an https:// site origin")
                .contains("id=\"name\" name=\"name\" value=\"\" required maxlength=\"200\" aria-invalid=\"true\"")
                .contains("value=\"Mars/Olympus\"");
        form(org, "fr").formParam("name", "x").formParam("timeZone", "Europe/Paris")
                .formParam("sendRatePerSecond", "beaucoup").put(settings(org)).then().statusCode(200)
                .body(containsString("Un nombre entier entre 1 et 1000."));
        assertThat(organisations.get(org).settings()).isEqualTo(saved);
    }

    @Test
    void ownersInviteChangeRolesAndRemoveMembersButNeverTheLastOwner() {
        String org = organisation();
        String staff = "staff-" + org + "@example.org";
        form(org, "en").formParam("email", staff).formParam("role", "staff")
                .post(settings(org) + "/members").then().statusCode(200)
                .body(containsString("The invitation is sent.")).body(containsString(staff));
        String staffId = LocalStackResource.userPool.find(staff).orElseThrow().username();
        assertThat(LocalStackResource.userPool.find(staffId).orElseThrow().groups()).containsExactly("org:" + org + ":staff");

        form(org, "en").formParam("email", "not <an> address").formParam("role", "chief")
                .post(settings(org) + "/members").then().statusCode(200)
                .body(containsString("Not a valid e-mail address.")).body(containsString("Choose owner, staff or volunteer."))
                .body(containsString("value=\"not &lt;an&gt; address\""));

        String ownerId = members.invite(org, new MemberInvitation("owner-" + org + "@example.org", "owner"), "test", Inviter.OPERATOR).id();
        owner(org).header("Accept-Language", "fr").delete(settings(org) + "/members/" + ownerId).then().statusCode(200)
                .body(containsString("dernier propriétaire"));
        form(org, "en").formParam("role", "volunteer")
                .put(settings(org) + "/members/" + ownerId).then().statusCode(200).body(containsString("last owner"));
        assertThat(LocalStackResource.userPool.find(ownerId).orElseThrow().groups()).containsExactly("org:" + org + ":owner");

        form(org, "fr").formParam("role", "owner").put(settings(org) + "/members/" + staffId)
                .then().statusCode(200);
        owner(org).header("Accept-Language", "en").delete(settings(org) + "/members/" + ownerId).then().statusCode(200)
                .body(containsString("The member is removed."));
        assertThat(members.list(org).items()).extracting(member -> member.id() + ":" + member.role()).containsExactly(staffId + ":owner");
    }

    @Test
    void sendersAreAddedAndRemovedThroughTheOrganisationsRules() {
        String org = organisation();
        form(org, "en")
                .formParam("name", "<i>Presse</i>").formParam("address", "presse@" + org + ".example.org")
                .post(settings(org) + "/senders").then().statusCode(200)
                .body(containsString("The sender is added.")).body(containsString("&lt;i&gt;Presse&lt;/i&gt;"));
        form(org, "en").formParam("name", "x").formParam("address", "nowhere")
                .post(settings(org) + "/senders").then().statusCode(200).body(containsString("Not a valid e-mail address."));
        assertThat(organisations.get(org).settings().senders()).containsExactly(
                new SenderIdentity("Équipe", "equipe@" + org + ".example.org"), new SenderIdentity("<i>Presse</i>", "presse@" + org + ".example.org"));

        form(org, "fr").formParam("address", "equipe@" + org + ".example.org")
                .post(settings(org) + "/senders/remove").then().statusCode(200);
        assertThat(organisations.get(org).settings().senders()).extracting(SenderIdentity::address)
                .containsExactly("presse@" + org + ".example.org");
        assertThat(audit.list(org, 1, null).items().get(0).detail()).isEqualTo("senders");
    }

    @Test
    void suppressionsAreSearchedAddedRemovedWithAReasonAndPagedByCursor() {
        String org = organisation();
        String address = "<x>@" + org + ".example.org";
        form(org, "en").formParam("email", "refus@" + org + ".example.org")
                .formParam("reason", "asked <by phone>").post(settings(org) + "/suppressions").then().statusCode(200)
                .body(containsString("The address is suppressed.")).body(containsString("asked &lt;by phone&gt;"));
        form(org, "en").formParam("email", address).formParam("reason", "")
                .post(settings(org) + "/suppressions").then().statusCode(200)
                .body(containsString("Not a valid e-mail address.")).body(containsString("Required, at most 200 characters."));

        owner(org).header("Accept-Language", "en").queryParam("email", "REFUS@" + org + ".example.org").get(settings(org) + "/suppressions")
                .then().statusCode(200).body(containsString("asked &lt;by phone&gt;"));
        owner(org).header("Accept-Language", "en").queryParam("email", "other@" + org + ".example.org").get(settings(org) + "/suppressions")
                .then().statusCode(200).body(containsString("This address is not suppressed.")).body(not(containsString("refus@")));

        form(org, "en").formParam("email", "refus@" + org + ".example.org")
                .formParam("reason", " ").post(settings(org) + "/suppressions/remove").then().statusCode(200)
                .body(containsString("Say why the suppression is lifted."));
        form(org, "en").formParam("email", "refus@" + org + ".example.org")
                .formParam("reason", "wrote back").post(settings(org) + "/suppressions/remove").then().statusCode(200)
                .body(containsString("The suppression is lifted."));
        assertThat(suppressions.list(org, null, null).items()).isEmpty();

        // one page more than the console shows at once
        for (int i = 0; i <= SuppressionService.DEFAULT_PAGE; i++) {
            suppressions.add(org, new SuppressionRequest("n" + i + "@" + org + ".example.org", "test"), "test");
        }
        String first = owner(org).get(settings(org) + "/suppressions").then().statusCode(200).extract().asString();
        String cursor = first.replaceAll("(?s).*suppressions\\?cursor=([0-9a-f]+)\" rel=\"next\".*", "$1");
        assertThat(cursor).matches("[0-9a-f]{32}");
        String second = owner(org).queryParam("cursor", cursor).get(settings(org) + "/suppressions").then().statusCode(200).extract().asString();
        assertThat(count(first, "data-suppression=")).isEqualTo(SuppressionService.DEFAULT_PAGE);
        assertThat(count(second, "data-suppression=")).isEqualTo(1);
        assertThat(second).doesNotContain("rel=\"next\"");
    }

    @Test
    void theAuditTrailShowsWhoDidWhatNewestFirstAndFiltersByAction() {
        String org = organisation();
        suppressions.add(org, new SuppressionRequest("a@" + org + ".example.org", "one"), "someone");
        members.invite(org, new MemberInvitation("m-" + org + "@example.org", "volunteer"), "someone", Inviter.OWNER);
        suppressions.add(org, new SuppressionRequest("b@" + org + ".example.org", "two"), "someone");

        String all = owner(org).header("Accept-Language", "en").get(settings(org) + "/audit").then().statusCode(200).extract().asString();
        assertThat(all.indexOf("data-action=\"suppression.add\"")).isLessThan(all.indexOf("data-action=\"member.invite\""));
        assertThat(count(all, "data-action=")).isEqualTo(3);
        String filtered = owner(org).queryParam("action", "suppression.add").get(settings(org) + "/audit").then().statusCode(200)
                .extract().asString();
        assertThat(count(filtered, "data-action=\"suppression.add\"")).isEqualTo(2);
        assertThat(filtered).doesNotContain("data-action=\"member.invite\"");
        owner(org).header("Accept-Language", "en").queryParam("action", "<script>").get(settings(org) + "/audit").then().statusCode(200)
                .body(containsString("Not an action name")).body(containsString("value=\"&lt;script&gt;\"")).body(not(containsString("<script>")));
    }

    private static RequestSpecification owner(String org) {
        String token = LocalStackResource.ownerToken(org);
        return given().cookie(ConsoleSessions.SESSION, token).header(ConsoleSessions.CSRF_HEADER, ConsoleSessions.csrfToken(token));
    }

    /** A form the owner's page sends, the page answered in {@code language}. */
    private static RequestSpecification form(String org, String language) {
        return owner(org).header("Accept-Language", language).contentType(ContentType.URLENC);
    }

    private static String settings(String org) {
        return "/console/orgs/" + org + "/settings";
    }

    private String organisation() {
        String org = "settings-" + UUID.randomUUID().toString().substring(0, 8);
        organisations.create(new OrganisationSettings(org, "Campagne " + org, "fr", "Europe/Paris",
                List.of(new SenderIdentity("Équipe", "equipe@" + org + ".example.org")), null, null, null, null, null, null, null, null));
        return org;
    }

    private static int count(String page, String text) {
        return page.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }
}
