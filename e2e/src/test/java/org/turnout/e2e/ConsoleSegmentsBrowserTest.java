package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The segments pages in a real browser on {@code infra/local/run}: staff build a rule of all the language's groups
 * (an {@code any} group inside {@code all}, a {@code not}) with the keyboard and the buttons, watch the count and
 * the first members change as conditions come, see the API's error beside a condition left empty, save the
 * segment, find it again as it was, and delete it; a volunteer is refused. axe-core on every state, in French and
 * once in English. The contacts come from a small file imported through the API's upload URL.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleSegmentsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = """
            Courriel;Prénom;Nom;Bureau de vote;Étiquettes
            alix.segments@example.org;Alix;Martin;0001;donateur
            bea.segments@example.org;Béa;Leroy;0002;donateur|benevole
            chris.segments@example.org;Chris;Petit;0001;benevole
            dom.segments@example.org;Dom;Roux;0003;
            """;
    private final ConsoleBrowser console;
    private final WebDriver browser;

    ConsoleSegmentsBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
    }

    @Test
    void staffBuildASegmentSeeItsCountChangeSaveItReopenItAndDeleteIt() throws Exception {
        String org = console.organisation();
        importList(org);
        console.signIn(Role.STAFF, org);

        console.openOrganisationPage(org, "segments");
        console.awaitTitleStartingWith("Segments");
        assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Segments");
        console.assertNoAccessibilityViolation("segments-list-empty-fr");

        browser.findElement(By.linkText("Nouveau segment")).click();
        console.awaitTitleStartingWith("Nouveau segment");
        console.assertNoAccessibilityViolation("segments-builder-empty-fr");

        // a name, and the condition left empty: the API's error shows beside it
        browser.findElement(By.id("segment-name")).sendKeys("Donateurs du 1 et du 2", Keys.TAB);
        awaitText("r-0-errors", "Valeurs : doit contenir au moins une valeur");
        assertThat(browser.findElement(By.id("segment-count")).getText()).isEqualTo("Corrigez la règle pour voir le nombre.");
        console.assertNoAccessibilityViolation("segments-builder-invalid-fr");

        browser.findElement(By.id("r-0-values")).sendKeys("donateur", Keys.TAB);
        awaitCount("2");
        awaitText("r-0-errors", "");
        assertThat(sample()).contains("alix.segments@example.org", "bea.segments@example.org", "Béa Leroy")
                .doesNotContain("chris.segments@example.org");

        // a group of any inside all, from the keyboard: the new condition takes the focus
        browser.findElement(By.id("r-group")).sendKeys(Keys.ENTER);
        awaitFocus("r-1-0-field");
        new Select(browser.findElement(By.id("r-1-0-field"))).selectByValue("station");
        console.await(driver -> new Select(driver.findElement(By.id("r-1-0-op"))).getFirstSelectedOption().getAttribute("value").equals("in"));
        browser.findElement(By.id("r-1-0-values")).sendKeys("0001", Keys.TAB);
        awaitCount("1");
        browser.findElement(By.id("r-1-add")).sendKeys(Keys.ENTER);
        awaitFocus("r-1-1-field");
        new Select(browser.findElement(By.id("r-1-1-field"))).selectByValue("station");
        console.await(driver -> driver.findElements(By.cssSelector("#r-1-1-op option[value=in][selected]")).size() == 1);
        browser.findElement(By.id("r-1-1-values")).sendKeys("0002", Keys.TAB);
        awaitCount("2");

        // and a not: donors of station 1 or 2 who are not volunteers
        browser.findElement(By.id("r-add")).sendKeys(Keys.ENTER);
        awaitFocus("r-2-field");
        browser.findElement(By.id("r-2-values")).sendKeys("benevole", Keys.TAB);
        awaitCount("1");
        assertThat(sample()).contains("bea.segments@example.org").doesNotContain("alix.segments@example.org");
        browser.findElement(By.id("r-2-not")).sendKeys(Keys.SPACE);
        // the count stays 1: wait for the member to change
        console.await(driver -> sample().contains("alix.segments@example.org"));
        assertThat(browser.findElement(By.id("segment-count")).getAttribute("data-count")).isEqualTo("1");
        assertThat(sample()).contains("alix.segments@example.org").doesNotContain("bea.segments@example.org");
        console.assertNoAccessibilityViolation("segments-builder-counted-fr");
        // on a phone: the builder and the count in one column
        Dimension desk = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            assertThat(browser.findElement(By.id("preview-result")).getLocation().getY())
                    .isGreaterThan(browser.findElement(By.id("save-segment")).getLocation().getY());
            console.assertNoAccessibilityViolation("segments-builder-phone-fr");
        } finally {
            browser.manage().window().setSize(desk);
        }

        browser.findElement(By.id("save-segment")).click();
        console.awaitTitleStartingWith("Segment Donateurs du 1 et du 2");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Segment enregistré.");
        JsonNode saved = console.get("/v1/admin/orgs/" + org + "/segments", console.stack().token(Role.STAFF, org), 200)
                .path("items").get(0);
        assertThat(saved.path("rule")).isEqualTo(JSON.readTree("""
                {"all": [{"field": "tags", "op": "hasAny", "values": ["donateur"]},
                         {"any": [{"field": "station", "op": "in", "values": ["0001"]},
                                  {"field": "station", "op": "in", "values": ["0002"]}]},
                         {"not": {"field": "tags", "op": "hasAny", "values": ["benevole"]}}]}"""));

        // opened again, in English: the rule as it was built, and its count
        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Segment Donateurs du 1 et du 2");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("r-0-values")).getAttribute("value")).isEqualTo("donateur");
        assertThat(new Select(browser.findElement(By.id("r-1-kind"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("any");
        assertThat(browser.findElement(By.id("r-1-0-values")).getAttribute("value")).isEqualTo("0001");
        assertThat(browser.findElement(By.id("r-1-1-values")).getAttribute("value")).isEqualTo("0002");
        assertThat(browser.findElement(By.id("r-2-not")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("r-2-values")).getAttribute("value")).isEqualTo("benevole");
        assertThat(browser.findElement(By.id("segment-count")).getAttribute("data-count")).isEqualTo("1");
        console.assertNoAccessibilityViolation("segments-builder-saved-en");

        browser.findElement(By.linkText("Delete")).click();
        console.awaitTitleStartingWith("Delete segment Donateurs du 1 et du 2?");
        console.assertNoAccessibilityViolation("segments-delete-en");
        browser.findElement(By.id("delete-segment")).click();
        console.awaitTitleStartingWith("Segments");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("No segment yet.");
        assertThat(console.get("/v1/admin/orgs/" + org + "/segments", console.stack().token(Role.STAFF, org), 200)
                .path("items")).isEmpty();
    }

    @Test
    void theListShowsEachSegmentsCountAndAVolunteerIsRefused() throws Exception {
        String org = console.organisation();
        importList(org);
        String staff = console.stack().token(Role.STAFF, org);
        console.post("/v1/admin/orgs/" + org + "/segments", staff, Map.of("name", "Bénévoles",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("benevole"))), 201);

        console.signIn(Role.STAFF, org);
        console.openOrganisationPage(org, "segments");
        console.awaitTitleStartingWith("Segments");
        console.await(driver -> driver.findElement(By.cssSelector("tr[data-segment] td.n")).getText().equals("2"));
        console.assertNoAccessibilityViolation("segments-list-fr");

        console.signIn(Role.VOLUNTEER, org);
        console.openOrganisationPage(org, "segments");
        console.awaitTitleStartingWith("Accès refusé");
        console.openOrganisationPage(org, "segments/new");
        console.awaitTitleStartingWith("Accès refusé");
    }

    /** The list, imported as staff do: through the upload URL the API gives, with the consent source declared. */
    private void importList(String org) throws Exception {
        String token = console.stack().token(Role.STAFF, org);
        JsonNode ticket = console.post("/v1/admin/orgs/" + org + "/imports", token,
                Map.of("fileName", "segments.csv", "consentSource", "fete-2026"), 201);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString(LIST, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        String status = "";
        while (!status.equals("done") && Instant.now().isBefore(deadline)) {
            JsonNode items = console.get("/v1/admin/orgs/" + org + "/imports", token, 200).path("items");
            status = items.isEmpty() ? "" : items.get(0).path("status").asText();
            if (!status.equals("done")) {
                Thread.sleep(1000);
            }
        }
        assertThat(status).as("the import of the list").isEqualTo("done");
    }

    private void awaitCount(String count) {
        console.await(driver -> count.equals(driver.findElement(By.id("segment-count")).getAttribute("data-count")));
    }

    private void awaitFocus(String id) {
        try {
            console.await(driver -> id.equals(driver.switchTo().activeElement().getAttribute("id")));
        } catch (TimeoutException e) {
            throw new AssertionError("the focus is on '" + browser.switchTo().activeElement().getAttribute("id") + "', not on '" + id
                    + "'; the builder: " + browser.findElement(By.id("rule-builder")).getAttribute("outerHTML"), e);
        }
    }

    private void awaitText(String id, String text) {
        console.await(driver -> driver.findElement(By.id(id)).getText().equals(text));
    }

    private String sample() {
        WebElement result = browser.findElement(By.id("preview-result"));
        return result.getText();
    }
}
