package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * A mailing's stats page and the sign-up forms page in a real browser on {@code infra/local/run}: a mailing sent to
 * SES's mailbox simulator (the runner plays its deliveries, bounce and complaint) shows them in its figures and
 * charts; the sign-up snippet, pasted into a page of another origin, signs a visitor up.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleStatsBrowserTest {
    /** From the schedule to SES's events applied, the functions' cold starts included, on a busy shared machine. */
    private static final Duration MAILING_TIMEOUT = Duration.ofMinutes(8);

    private final ConsoleBrowser console;
    private final WebDriver browser;
    private final LocalStackRun stack;

    ConsoleStatsBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
        this.stack = console.stack();
    }

    @Test
    void aMailingToTheMailboxSimulatorShowsItsDeliveriesBouncesAndComplaintsInFiguresAndCharts() throws Exception {
        String org = console.organisation();
        String staff = stack.token(Role.STAFF, org);
        importWithConsent(org, staff, String.join("\n", "Prénom;Courriel;Étiquettes",
                "Succès;success+stats@simulator.amazonses.com;simulateur",
                "Rebond;bounce+stats@simulator.amazonses.com;simulateur",
                "Plainte;complaint+stats@simulator.amazonses.com;simulateur", ""));
        String segment = console.post("/v1/admin/orgs/" + org + "/segments", staff, Map.of("name", "Simulateur",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("simulateur"))), 201).path("id").asText();
        String mailing = console.post("/v1/admin/orgs/" + org + "/mailings", staff, Map.of("name", "Tractage samedi",
                "from", Map.of("address", "equipe@demo.example.org"), "subject", "On tracte samedi",
                "html", "<p>Bonjour</p><p><a href=\"{unsubscribe_url}\">Se désinscrire</a></p>", "text", "Bonjour",
                "segmentId", segment), 201).path("id").asText();
        console.post("/v1/admin/orgs/" + org + "/mailings/" + mailing + "/schedule", staff,
                Map.of("sendAt", Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS).toString()), 200);

        // the page follows the mailing while it is under way: htmx asks for its figures again
        console.signIn(staff);
        console.openOrganisationPage(org, "mailings/" + mailing + "/stats");
        console.awaitTitleStartingWith("Statistiques de Tractage samedi");
        console.assertNoAccessibilityViolation("stats-under-way-fr");
        awaitLong(driver -> figure("sent").equals("3"));

        awaitStats(org, staff, mailing);
        console.openOrganisationPage(org, "mailings/" + mailing + "/stats");
        console.awaitTitleStartingWith("Statistiques de Tractage samedi");
        assertThat(figure("recipients")).isEqualTo("3");
        assertThat(figure("delivered")).isEqualTo("2"); // success@, and complaint@, delivered before its complaint
        assertThat(figure("bounced")).isEqualTo("1");
        assertThat(figure("complained")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("td[data-rate=bounced]")).getText()).startsWith("33,33");
        // the charts say the same: the bars, and the over-time table (for screen readers) adds up to the figures
        assertThat(browser.findElement(By.cssSelector("#chart-negative text[data-bar=bounced]")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#chart-negative text[data-bar=complained]")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#chart-time desc")).getAttribute("textContent")).contains("en tout 2 délivrés");
        assertThat(browser.findElements(By.cssSelector("#chart-time polyline"))).hasSize(3);
        long delivered = browser.findElements(By.cssSelector("#time-table tbody tr td:nth-of-type(1)")).stream()
                .mapToLong(cell -> Long.parseLong(cell.getAttribute("textContent").strip())).sum();
        assertThat(delivered).isEqualTo(2);
        console.assertNoAccessibilityViolation("stats-fr");

        // on a phone: the charts shrink to the screen, nothing to scroll sideways
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            console.openOrganisationPage(org, "mailings/" + mailing + "/stats");
            console.awaitTitleStartingWith("Statistiques de Tractage samedi");
            console.screenshot("stats-phone");
            JavascriptExecutor script = (JavascriptExecutor) browser;
            Object overflow = script.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            Object wide = script.executeScript("""
                    const width = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                        .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ');
                    """);
            assertThat(((Number) overflow).longValue()).as("wider than the screen: %s", wide).isLessThanOrEqualTo(0);
            assertThat(browser.findElement(By.id("chart-time")).getRect().getWidth()).isLessThanOrEqualTo(390);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }

        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Stats of Tractage samedi");
        assertThat(browser.findElement(By.id("time-heading")).getText()).isEqualTo("Delivered, opened and clicked over time");
        console.assertNoAccessibilityViolation("stats-en");
    }

    @Test
    void theSnippetPastedIntoAPageOfAnotherSiteSignsAVisitorUp() throws Exception {
        String org = console.organisation();
        console.signIn(Role.OWNER, org);
        console.openOrganisationPage(org, "signup-forms");
        console.awaitTitleStartingWith("Formulaires d’inscription");
        String snippet = browser.findElement(By.id("snippet")).getAttribute("value");
        assertThat(snippet).startsWith("<form method=\"post\" action=\"" + stack.endpoint("TURNOUT_API_URL") + "/v1/orgs/" + org + "/signups\"")
                .contains("value=\"turnout-fr-1\"");
        console.assertNoAccessibilityViolation("signup-forms-fr");

        // the copy button, by keyboard
        browser.findElement(By.id("copy-snippet")).sendKeys(Keys.ENTER);
        console.await(driver -> driver.findElement(By.id("copy-status")).getText().equals("Code copié."));

        // the hosted page the console links to
        String hosted = browser.findElement(By.id("hosted-preview")).getAttribute("href");
        console.open(hosted);
        console.awaitTitleStartingWith("Inscrivez-vous auprès de Campagne " + org);
        console.assertNoAccessibilityViolation("signup-hosted-page");

        // pasted into a page of the campaign's own (a data: URL: another origin than the API's)
        String page = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Site de la campagne</title></head>"
                + "<body><main><h1>Rejoignez-nous</h1>" + snippet + "</main></body></html>";
        console.open("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
        console.awaitTitleStartingWith("Site de la campagne");
        browser.findElement(By.id("turnout-email")).sendKeys("visiteur.snippet@example.org");
        browser.findElement(By.id("turnout-first-name")).sendKeys("Camille");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        console.awaitTitleStartingWith("Merci pour votre inscription");

        JsonNode contact = console.get("/v1/admin/orgs/" + org + "/contacts/visiteur.snippet@example.org", stack.ownerToken(org), 200);
        assertThat(contact.path("status").asText()).isEqualTo("pending");
        assertThat(contact.toString()).contains("turnout-fr-1", "signup-form:snippet");

        console.openOrganisationPage(org, "signup-forms");
        console.awaitTitleStartingWith("Formulaires d’inscription");
        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Sign-up forms");
        console.assertNoAccessibilityViolation("signup-forms-en");
    }

    /** Waits up to {@link #MAILING_TIMEOUT}, through htmx's swaps (an element read as it is replaced is read again). */
    private <T> T awaitLong(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, MAILING_TIMEOUT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private String figure(String key) {
        return browser.findElement(By.cssSelector("td[data-figure=" + key + "]")).getText();
    }

    /** Imports {@code csv} through the pre-signed upload, with a consent source (the people are subscribed), until done. */
    private void importWithConsent(String org, String token, String csv) throws Exception {
        JsonNode ticket = console.post("/v1/admin/orgs/" + org + "/imports", token,
                Map.of("fileName", "simulateur.csv", "consentSource", "stats-e2e"), 201);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        awaitLong(driver -> {
            try {
                JsonNode newest = console.get("/v1/admin/orgs/" + org + "/imports", token, 200).path("items").path(0);
                return newest.path("status").asText().equals("done") ? newest : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Until SES's events of the three messages are applied, as the API's stats count them. */
    private void awaitStats(String org, String token, String mailing) {
        awaitLong(driver -> {
            try {
                JsonNode stats = console.get("/v1/admin/orgs/" + org + "/mailings/" + mailing + "/stats", token, 200);
                return stats.path("delivered").asLong() >= 2 && stats.path("bounced").asLong() >= 1
                        && stats.path("complained").asLong() >= 1 ? stats : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
