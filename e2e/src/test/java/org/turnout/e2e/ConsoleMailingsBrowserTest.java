package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The mailings' pages in a real browser on {@code infra/local/run}: staff write a mailing with a merge field, see a
 * template error with its line and column and fix it, preview it as a contact, send themselves a test (found in the
 * local SES emulator's store) and schedule it in Paris time; a mailing to a small segment is seen going from scheduled
 * to sent, paused and resumed on the way, through the local Scheduler, DispatchFunction and SendFunction; another is
 * cancelled; a volunteer is refused. axe-core and a screenshot on every page and state.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleMailingsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Enough recipients, at one a second, for a sending mailing to be seen and paused. */
    private static final int RECIPIENTS = 30;
    /** The dispatch, at one send a second, and the resume through the Scheduler, on a loaded machine. */
    private static final Duration SENDING_TIMEOUT = Duration.ofMinutes(4);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ConsoleBrowser console;
    private final WebDriver browser;
    private final LocalStackRun stack;

    ConsoleMailingsBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
        this.stack = console.stack();
    }

    @Test
    void staffWriteAMailingFixItsTemplatePreviewItAsAContactTestItAndScheduleItInParisTime() throws Exception {
        Campaign campaign = campaign();
        console.signIn(Role.STAFF, campaign.org());
        show(campaign, "mailings", "Envois");
        console.assertNoAccessibilityViolation("mailings-list-fr");

        browser.findElement(By.linkText("Nouvel envoi")).click();
        console.awaitTitleStartingWith("Nouvel envoi");
        assertThat(browser.findElement(By.id("merge-fields")).getText()).contains("{first_name}", "{unsubscribe_url}");
        console.assertNoAccessibilityViolation("mailing-new-fr");

        type("name", "Lettre de décembre");
        type("subject", "Bonjour {first_name}");
        type("html", "<p>Bonjour {first_name}</p>");
        type("text", "Bonjour\n{prenom}");
        console.await(driver -> driver.findElement(By.id("error-text")).getText().startsWith("line 2, column 1: unknown field 'prenom'"));
        console.assertNoAccessibilityViolation("mailing-template-error-fr");
        type("text", "Bonjour {first_name ?: \"ami\"}, à bientôt.");
        console.await(driver -> driver.findElement(By.id("error-text")).getText().isEmpty());
        new Select(browser.findElement(By.id("segment"))).selectByVisibleText(campaign.segmentName());
        leavePageWith(By.id("save"));
        console.awaitTitleStartingWith("Lettre de décembre");
        assertThat(state()).isEqualTo("draft");
        console.assertNoAccessibilityViolation("mailing-draft-fr");

        // the preview as a contact of the segment, with the send path's rendering
        type("contact", campaign.firstAddress());
        browser.findElement(By.id("show-preview")).click();
        console.await(driver -> driver.findElement(By.id("preview-subject")).getText().equals("Bonjour Camille"));
        assertThat(browser.findElement(By.id("preview-text")).getText()).isEqualTo("Bonjour Camille, à bientôt.");
        browser.switchTo().frame(browser.findElement(By.id("preview-html")));
        assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("Bonjour Camille");
        browser.switchTo().defaultContent();
        console.assertNoAccessibilityViolation("mailing-preview-fr");

        // a test to an address of one's own, as the previewed contact
        String testAddress = "test-" + campaign.org() + "@example.org";
        type("test-address", testAddress);
        browser.findElement(By.id("send-test")).click();
        console.await(driver -> driver.findElement(By.id("test-result")).getText().contains(testAddress));
        awaitEmail(testAddress, "[Test] Bonjour Camille");
        console.assertNoAccessibilityViolation("mailing-test-sent-fr");

        // five minutes ahead, typed in Paris time whatever the browser's zone: stored as that instant
        ZonedDateTime sendAt = ZonedDateTime.now(PARIS).plusMinutes(5).truncatedTo(ChronoUnit.MINUTES);
        setDateTime("sendAt", sendAt.toLocalDateTime());
        leavePageWith(By.id("schedule"));
        within(ConsoleBrowser.PAGE_TIMEOUT, driver -> "scheduled".equals(state()));
        assertThat(console.get("/v1/admin/orgs/" + campaign.org() + "/mailings/" + mailingId(), campaign.staffToken(), 200)
                .path("sendAt").asText()).isEqualTo(sendAt.toInstant().toString());
        assertThat(browser.findElement(By.id("mailing-send-at")).getText())
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(UTC'xxx')'").format(sendAt));
        console.assertNoAccessibilityViolation("mailing-scheduled-fr");

        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Lettre de décembre");
        console.await(driver -> "Scheduled".equals(driver.findElement(By.id("mailing-state")).getText()));
        console.assertNoAccessibilityViolation("mailing-scheduled-en");
        show(campaign, "mailings", "Mailings");
        console.assertNoAccessibilityViolation("mailings-list-en");

        // a phone's width: the editor folds to one column
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            show(campaign, "mailings/" + mailingId(campaign, "Lettre de décembre"), "Lettre de décembre");
            console.assertNoAccessibilityViolation("mailing-scheduled-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
        // it would go out while the next test watches a mailing of its own
        console.post("/v1/admin/orgs/" + campaign.org() + "/mailings/" + mailingId(campaign, "Lettre de décembre") + "/cancel",
                campaign.staffToken(), Map.of(), 200);
    }

    @Test
    void aMailingToASmallSegmentGoesFromScheduledToSentPausedAndResumedOnTheWayAndAnotherIsCancelled() throws Exception {
        Campaign campaign = campaign();
        String token = campaign.staffToken();
        console.signIn(Role.STAFF, campaign.org());

        // cancelled, after the browser asks to confirm
        String other = draft(campaign, "Rappel annulé");
        console.post("/v1/admin/orgs/" + campaign.org() + "/mailings/" + other + "/schedule", token,
                Map.of("sendAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()), 200);
        show(campaign, "mailings/" + other, "Rappel annulé");
        assertThat(browser.findElements(By.id("pause"))).isEmpty();
        click(By.id("cancel"));
        console.await(ExpectedConditions.alertIsPresent()).accept();
        within(ConsoleBrowser.PAGE_TIMEOUT, driver -> "cancelled".equals(state()));
        assertThat(browser.findElements(By.id("mailing-form"))).isEmpty();
        assertThat(browser.findElements(By.id("cancel"))).isEmpty();
        console.assertNoAccessibilityViolation("mailing-cancelled-fr");

        // the nearest time the schedule's minute allows, at least a minute ahead
        String id = draft(campaign, "Lettre du soir");
        ZonedDateTime sendAt = ZonedDateTime.now(PARIS).plusSeconds(120).truncatedTo(ChronoUnit.MINUTES);
        show(campaign, "mailings/" + id, "Lettre du soir");
        setDateTime("sendAt", sendAt.toLocalDateTime());
        leavePageWith(By.id("schedule"));
        within(ConsoleBrowser.PAGE_TIMEOUT, driver -> "scheduled".equals(state()));

        // the page follows it: sending (a new page, the editor gone), then paused and resumed by staff
        within(SENDING_TIMEOUT, driver -> "sending".equals(state()));
        assertThat(browser.findElements(By.id("mailing-form"))).isEmpty();
        console.screenshot("mailing-sending-fr");
        click(By.id("pause"));
        within(ConsoleBrowser.PAGE_TIMEOUT, driver -> "paused".equals(state()));
        long pausedAt = count("sent");
        assertThat(pausedAt).isLessThan(RECIPIENTS);
        console.assertNoAccessibilityViolation("mailing-paused-fr");
        click(By.id("resume"));
        within(ConsoleBrowser.PAGE_TIMEOUT, driver -> List.of("sending", "sent").contains(state()));

        // the counts move on their own until all are sent
        within(SENDING_TIMEOUT, driver -> "sent".equals(state()));
        assertThat(count("recipients")).isEqualTo(RECIPIENTS);
        assertThat(count("sent")).isEqualTo(RECIPIENTS);
        assertThat(browser.findElement(By.id("progress")).getAttribute("value")).isEqualTo(String.valueOf(RECIPIENTS));
        assertThat(browser.findElements(By.id("pause"))).isEmpty();
        assertThat(browser.findElement(By.linkText("Statistiques")).getAttribute("href")).endsWith("/mailings/" + id + "/stats");
        console.assertNoAccessibilityViolation("mailing-sent-fr");
        awaitEmail(campaign.firstAddress(), "Bonsoir Camille");

        show(campaign, "mailings", "Envois");
        assertThat(browser.findElement(By.cssSelector("tr[data-mailing='" + id + "'] td[data-state]")).getText()).isEqualTo("Envoyé");
        console.assertNoAccessibilityViolation("mailings-list-fr-sent");
    }

    @Test
    void aVolunteerIsRefusedTheMailings() throws Exception {
        Campaign campaign = campaign();
        console.signIn(Role.VOLUNTEER, campaign.org());
        show(campaign, "mailings", "Accès refusé");
        show(campaign, "mailings/new", "Accès refusé");
        console.assertNoAccessibilityViolation("mailings-forbidden-volunteer");
    }

    /** An organisation sending one message a second, with {@link #RECIPIENTS} consenting contacts imported, and a segment of them. */
    private record Campaign(String org, String segmentName, String firstAddress, String staffToken) {
    }

    private static Campaign campaign;

    private Campaign campaign() throws Exception {
        synchronized (ConsoleMailingsBrowserTest.class) {
            if (campaign == null) {
                campaign = newCampaign();
            }
            return campaign;
        }
    }

    private Campaign newCampaign() throws Exception {
        String org = "mailings-" + UUID.randomUUID().toString().substring(0, 8);
        console.post("/v1/admin/orgs", stack.endpoint("TURNOUT_OPERATOR_TOKEN"), Map.of("id", org, "name", "Campagne " + org,
                "language", "fr", "timeZone", "Europe/Paris", "sendRatePerSecond", 1,
                "senders", List.of(Map.of("name", "Équipe", "address", "equipe@demo.example.org"))), 201);
        String token = stack.token(Role.STAFF, org);
        StringBuilder csv = new StringBuilder("email;prenom\n");
        IntStream.rangeClosed(1, RECIPIENTS).forEach(i -> csv.append("camille").append(i).append('.').append(org)
                .append("@example.org;Camille\n"));
        JsonNode ticket = console.post("/v1/admin/orgs/" + org + "/imports", token,
                Map.of("fileName", "abonnes.csv", "consentSource", "fichier des adhérents"), 201);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Instant deadline = Instant.now().plus(ConsoleBrowser.PAGE_TIMEOUT);
        while (!imported(org, token)) {
            assertThat(Instant.now()).as("the import of " + org + " is done").isBefore(deadline);
            Thread.sleep(1000);
        }
        console.post("/v1/admin/orgs/" + org + "/segments", token, Map.of("name", "Abonnés",
                "rule", Map.of("field", "status", "op", "in", "values", List.of("subscribed"))), 201);
        return new Campaign(org, "Abonnés", "camille1." + org + "@example.org", token);
    }

    private boolean imported(String org, String token) throws Exception {
        JsonNode items = console.get("/v1/admin/orgs/" + org + "/imports", token, 200).path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .anyMatch(job -> job.path("status").asText().equals("done") && job.path("created").asLong() == RECIPIENTS);
    }

    /** A draft to the campaign's segment, written through the API as an integration would. */
    private String draft(Campaign campaign, String name) throws Exception {
        String segment = StreamSupport.stream(console.get("/v1/admin/orgs/" + campaign.org() + "/segments", campaign.staffToken(), 200)
                .path("items").spliterator(), false).filter(s -> s.path("name").asText().equals(campaign.segmentName()))
                .findFirst().orElseThrow().path("id").asText();
        return console.post("/v1/admin/orgs/" + campaign.org() + "/mailings", campaign.staffToken(), Map.of("name", name,
                "from", Map.of("address", "equipe@demo.example.org"), "subject", "Bonsoir {first_name}",
                "html", "<p>Bonsoir {first_name}</p>", "text", "Bonsoir {first_name}", "segmentId", segment), 201).path("id").asText();
    }

    private String mailingId(Campaign campaign, String name) throws Exception {
        return StreamSupport.stream(console.get("/v1/admin/orgs/" + campaign.org() + "/mailings", campaign.staffToken(), 200)
                .path("items").spliterator(), false).filter(m -> m.path("name").asText().equals(name))
                .findFirst().orElseThrow().path("id").asText();
    }

    /** Opens the campaign's page at {@code path} (e.g. {@code "mailings"}) and waits for its title. */
    private void show(Campaign campaign, String path, String title) {
        console.openOrganisationPage(campaign.org(), path);
        console.awaitTitleStartingWith(title);
    }

    /** The mailing of the page the browser shows. */
    private String mailingId() {
        String url = browser.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private String state() {
        return browser.findElement(By.id("mailing-state")).getAttribute("data-state");
    }

    private long count(String which) {
        return Long.parseLong(browser.findElement(By.cssSelector("#status td[data-count=" + which + "]")).getText());
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * A {@code datetime-local} field set as its picker would (the picker's keys differ from one locale to another): the
     * browser then sends the local date and time, as typed.
     */
    private void setDateTime(String id, LocalDateTime value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(value));
    }

    /** Clicks a button of the part htmx replaces every few seconds: again if it was replaced in between. */
    private void click(By button) {
        within(ConsoleBrowser.PAGE_TIMEOUT, driver -> {
            driver.findElement(button).click();
            return true;
        });
    }

    /** Clicks what makes htmx load a new page, and waits until the old one is gone. */
    private void leavePageWith(By button) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        console.await(driver -> ConsoleBrowser.isStale(page));
    }

    /** Waits for {@code condition} through htmx's swaps and the page's reloads, which leave elements stale on the way. */
    private void within(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Waits until the local SES emulator's store holds a message to {@code address} with this subject. */
    private void awaitEmail(String address, String subject) throws Exception {
        Instant deadline = Instant.now().plus(ConsoleBrowser.PAGE_TIMEOUT);
        while (!hasEmail(address, subject)) {
            assertThat(Instant.now()).as("a message '" + subject + "' to " + address + " in the SES store").isBefore(deadline);
            Thread.sleep(1000);
        }
    }

    private boolean hasEmail(String address, String subject) throws IOException, InterruptedException {
        HttpResponse<String> store = http.send(HttpRequest.newBuilder(URI.create(stack.endpoint("TURNOUT_SES_URL") + "/store")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return StreamSupport.stream(JSON.readTree(store.body()).path("emails").spliterator(), false)
                .anyMatch(email -> email.path("destination").path("to").toString().contains(address)
                        && email.path("subject").asText().equals(subject));
    }
}
