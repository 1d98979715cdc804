package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.turnout.local.DemoContacts;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The contacts pages in a real browser on {@code infra/local/run}: staff find contacts by address, name, tag and
 * station and open a contact's page with the consent history, engagement and canvass results of data made through
 * the product's own doors (an import through the upload URL, a mailing sent by the schedule, a door knock, a
 * suppression lifted); the owner exports and erases a contact; a volunteer and another organisation's owner are
 * refused. axe-core and a screenshot on every page and state.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleContactsBrowserTest {
    /** How long the import, and the mailing from its schedule to its last send, may take on a busy machine. */
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(180);
    private static final String LIST = """
            Prénom;Nom;Courriel;Adresse;Code postal;Ville;Bureau de vote;Étiquettes
            Hélène;Dupont;helene.dupont@example.org;3 rue du Moulin;33999;Saint-Exemple;0005;bénévole
            Paul;Martin;paul.martin@example.org;8 rue Victor Hugo;33999;Saint-Exemple;0007;donateur
            Anne-Marie;Leroy;anne-marie.leroy@example.org;12 avenue Jean Jaurès;33999;Saint-Exemple;0007;donateur
            Bruno;Rebond;bounce+contacts@simulator.amazonses.com;5 rue du Moulin;33999;Saint-Exemple;0005;bénévole
            """;
    /** SES's mailbox simulator answers a message to this address with a bounce, which the feedback records. */
    private static final String BOUNCING = "bounce+contacts@simulator.amazonses.com";

    private final ConsoleBrowser console;
    private final WebDriver browser;
    private final LocalStackRun stack;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleContactsBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
        this.stack = console.stack();
    }

    @Test
    void staffFindContactsByAddressNameTagAndStationAndOpenAContactsPage() throws Exception {
        String org = console.organisation();
        String staff = stack.token(Role.STAFF, org);
        console.signIn(staff);
        console.openOrganisationPage(org, "contacts");
        console.awaitTitleStartingWith("Contacts");
        console.assertNoAccessibilityViolation("contacts-empty-fr");

        importList(org, staff);
        String mailing = sentMailing(org, staff);
        console.post("/v1/admin/orgs/" + org + "/canvass", staff, Map.of("session", "porte-1", "canvasser", "Samia",
                "at", "2026-11-14T10:30:00Z", "email", BOUNCING, "outcome", "talked", "support", 4,
                "volunteer", true, "notes", "Veut des tracts"), 200);
        awaitUntil("the bounce recorded", () -> {
            try {
                return console.get("/v1/admin/orgs/" + org + "/contacts/" + BOUNCING, staff, 200).path("status").asText().equals("bounced");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(search("email", "  HELENE.DUPONT@EXAMPLE.ORG ")).containsExactly("Hélène Dupont");
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("1 contact(s) en tout");
        console.assertNoAccessibilityViolation("contacts-results-fr");
        // on a phone's width the page folds to one column, with nothing to scroll sideways but the table
        Dimension wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            assertThat((Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth"))
                    .isLessThanOrEqualTo(390L);
            console.assertNoAccessibilityViolation("contacts-results-390px");
        } finally {
            browser.manage().window().setSize(wide);
        }
        assertThat(search("name", "helene")).containsExactly("Hélène Dupont");
        assertThat(search("name", "marie")).containsExactly("Anne-Marie Leroy");
        assertThat(search("tag", "Bénévole")).containsExactlyInAnyOrder("Hélène Dupont", "Bruno Rebond");
        assertThat(search("station", "7")).containsExactlyInAnyOrder("Paul Martin", "Anne-Marie Leroy");
        assertThat(search("name", "personne")).isEmpty();
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("Aucun contact ne correspond.");

        assertThat(search("station", "5")).containsExactlyInAnyOrder("Hélène Dupont", "Bruno Rebond");
        browser.findElement(By.linkText("Bruno Rebond")).click();
        console.awaitTitleStartingWith("Contact ·");
        assertThat(browser.findElement(By.id("contact-email")).getText()).isEqualTo(BOUNCING);
        assertThat(browser.findElement(By.id("contact-station")).getText()).isEqualTo("0005");
        assertThat(browser.findElement(By.id("contact-source")).getText()).isEqualTo("import:e2e-console");
        // the bounce moved the contact from subscribed to bounced, for this mailing
        assertThat(browser.findElement(By.id("consent-history")).getText()).contains("Abonnés", "Adresses en échec");
        // at the bounce's time, which follows the contact's creation (both to the minute, so they compare as text)
        assertThat(browser.findElement(By.cssSelector("#consent-history tbody td")).getText())
                .isGreaterThanOrEqualTo(browser.findElement(By.id("contact-created")).getText());
        assertThat(browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']")).getText())
                .contains("Lettre aux bénévoles", "Envoyé");
        assertThat(browser.findElement(By.id("engagement-totals")).getText())
                .isEqualTo("Envoyés : 1 · ouverts : 0 · cliqués : 0 · rebonds : 1 · plaintes : 0");
        assertThat(browser.findElement(By.id("canvass")).getText()).contains("Discussion", "4", "Veut des tracts", "Samia");
        // staff are not offered what only owners may do
        assertThat(browser.findElements(By.id("export"))).isEmpty();
        assertThat(browser.findElements(By.id("erase"))).isEmpty();
        console.assertNoAccessibilityViolation("contact-fr");

        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Contact ·");
        console.await(driver -> driver.findElement(By.tagName("html")).getAttribute("lang").equals("en"));
        assertThat(browser.findElement(By.id("engagement-totals")).getText()).startsWith("Sent: 1");
        console.assertNoAccessibilityViolation("contact-en");
    }

    @Test
    void theOwnerExportsAndErasesAContactAfterTypingItsAddress() throws Exception {
        String org = console.organisation();
        String email = "jean.moulin@example.org";
        console.post("/v1/orgs/" + org + "/signups", null, Map.of("email", email, "firstName", "Jean", "lastName", "Moulin",
                "consentVersion", "2026-10"), 202);
        String owner = stack.ownerToken(org);
        console.signIn(owner);
        assertThat(search(org, "email", email)).containsExactly("Jean Moulin");
        browser.findElement(By.linkText("Jean Moulin")).click();
        console.awaitTitleStartingWith("Contact ·");
        assertThat(browser.findElement(By.id("consent-record")).getText()).contains("2026-10");

        browser.findElement(By.id("export")).click();
        WebElement download = console.await(driver -> driver.findElement(By.cssSelector("#export-result a[download]")));
        assertThat(download.getAttribute("href")).startsWith("data:application/json;base64,");
        browser.findElement(By.cssSelector("#export-result summary")).click();
        assertThat(browser.findElement(By.cssSelector("#export-result pre")).getText()).contains("\"email\" : \"" + email + "\"");
        console.assertNoAccessibilityViolation("contact-exported-fr");

        browser.findElement(By.id("erase")).click();
        WebElement confirm = console.await(driver -> driver.findElement(By.id("confirm")));
        confirm.sendKeys("quelqu.un@example.org");
        browser.findElement(By.id("reason")).sendKeys("demande de la personne");
        browser.findElement(By.cssSelector("#erasure button[type=submit]")).click();
        console.await(driver -> !driver.findElements(By.id("confirm-error")).isEmpty());
        assertThat(browser.findElement(By.id("confirm")).getAttribute("aria-invalid")).isEqualTo("true");
        console.assertNoAccessibilityViolation("contact-erasure-fr");

        WebElement retyped = browser.findElement(By.id("confirm"));
        retyped.clear();
        retyped.sendKeys(email.toUpperCase());
        browser.findElement(By.cssSelector("#erasure button[type=submit]")).click();
        console.awaitTitleStartingWith("Contacts");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("effacé");
        console.get("/v1/admin/orgs/" + org + "/contacts/" + email, owner, 404);
        JsonNode audit = console.get("/v1/admin/orgs/" + org + "/audit", owner, 200);
        assertThat(audit.toString()).contains("contact.export", "contact.erase");
        assertThat(search(org, "email", email)).isEmpty();
    }

    @Test
    void aVolunteerAndAnotherOrganisationsOwnerAreRefusedTheContacts() throws Exception {
        String org = console.organisation();
        console.signIn(Role.VOLUNTEER, org);
        console.openOrganisationPage(org, "contacts");
        console.awaitTitleStartingWith("Accès refusé");
        console.assertNoAccessibilityViolation("contacts-forbidden-volunteer");

        console.signIn(stack.ownerToken(console.organisation()));
        console.openOrganisationPage(org, "contacts?by=name&q=a");
        console.awaitTitleStartingWith("Accès refusé");
        console.screenshot("contacts-forbidden-other-owner");
    }

    @Test
    void theDemoOrganisationHasItsSampleContactsImportedOnce() throws Exception {
        String staff = stack.endpoint("TURNOUT_ADMIN_TOKEN");
        awaitUntil("the demo list's import ended", () -> demoJobs(staff).stream().anyMatch(job -> !job.path("status").asText().equals("running")));
        assertThat(demoJobs(staff)).as("the demo list's import").singleElement()
                .satisfies(job -> assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done"));
        // what a restart of infra/local/run does: the list is not sent again
        new DemoContacts(URI.create(stack.endpoint("TURNOUT_API_URL")), "demo", stack.endpoint("TURNOUT_OWNER_TOKEN"),
                Duration.ofSeconds(60)).importOnce(line -> { });
        assertThat(demoJobs(staff)).hasSize(1);

        console.signIn(staff);
        assertThat(search("demo", "tag", "sympathisant")).hasSize(25);
        assertThat(browser.findElement(By.id("total")).getText()).startsWith("Les 25 premiers");
        browser.findElement(By.cssSelector("#total button")).click();
        console.await(driver -> driver.findElement(By.id("total")).getText().endsWith("en tout"));
        console.assertNoAccessibilityViolation("contacts-demo-fr");
        browser.findElement(By.cssSelector("a[rel=next]")).click();
        console.awaitTitleStartingWith("Contacts");
        assertThat(browser.findElements(By.cssSelector("tr[data-contact]"))).isNotEmpty();
    }

    private List<JsonNode> demoJobs(String token) {
        try {
            List<JsonNode> jobs = new ArrayList<>();
            console.get("/v1/admin/orgs/demo/imports", token, 200).path("items").forEach(job -> {
                if (DemoContacts.isDemoList(job.path("file").asText())) {
                    jobs.add(job);
                }
            });
            return jobs;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Searches through the form, as staff do, on the organisation's contacts page; the names of the rows found. */
    private List<String> search(String org, String by, String text) {
        console.openOrganisationPage(org, "contacts");
        console.awaitTitleStartingWith("Contacts");
        return search(by, text);
    }

    /** Searches through the form of the page shown. */
    private List<String> search(String by, String text) {
        new Select(browser.findElement(By.id("by"))).selectByValue(by);
        WebElement field = browser.findElement(By.id("q"));
        field.clear();
        field.sendKeys(text);
        WebElement page = browser.findElement(By.tagName("html"));
        field.submit();
        console.await(driver -> ConsoleBrowser.isStale(page));
        console.awaitTitleStartingWith("Contacts");
        return browser.findElements(By.cssSelector("tr[data-contact] td:first-child a")).stream().map(WebElement::getText).toList();
    }

    /** The list, through the API's upload URL and the bucket, as the imports page sends it; awaited until its contacts are in. */
    private void importList(String org, String token) throws Exception {
        JsonNode ticket = console.post("/v1/admin/orgs/" + org + "/imports", token,
                Map.of("fileName", "militants.csv", "consentSource", "e2e-console"), 201);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .method(ticket.path("method").asText(), HttpRequest.BodyPublishers.ofString(LIST, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        awaitUntil("the import's last contact", () -> status("/v1/admin/orgs/" + org + "/contacts/anne-marie.leroy@example.org", token) == 200);
    }

    /** A mailing to the volunteers, scheduled a few seconds ahead, awaited until sent. */
    private String sentMailing(String org, String token) throws Exception {
        String segment = console.post("/v1/admin/orgs/" + org + "/segments", token, Map.of("name", "Bénévoles",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("bénévole"))), 201).path("id").asText();
        String id = console.post("/v1/admin/orgs/" + org + "/mailings", token, Map.of("name", "Lettre aux bénévoles",
                "from", Map.of("address", "equipe@demo.example.org"), "subject", "Bonjour", "html", "<p>Bonjour</p>",
                "text", "Bonjour", "segmentId", segment), 201).path("id").asText();
        console.post("/v1/admin/orgs/" + org + "/mailings/" + id + "/schedule", token,
                Map.of("sendAt", Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS).toString()), 200);
        awaitUntil("the mailing sent", () -> {
            try {
                return console.get("/v1/admin/orgs/" + org + "/mailings/" + id, token, 200).path("state").asText().equals("sent");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return id;
    }

    private int status(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(stack.endpoint("TURNOUT_API_URL") + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks again, a second apart, until {@code done} or {@link #EVENTS_TIMEOUT}. */
    private static void awaitUntil(String what, Supplier<Boolean> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTS_TIMEOUT);
        while (!done.get()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(1000);
        }
    }
}
