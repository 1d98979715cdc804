package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A campaign's own site signs visitors up, in a real browser (Debian's headless Chromium): pages served from
 * the site's origin post to the local stack's HTTP API (the local gateway and the packaged ApiFunction) by
 * {@code fetch} and by a plain HTML form, and a page of an origin the organisation did not list is refused by
 * the browser itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignSiteBrowserTest {
    /** The first request may meet ApiFunction's cold start on a busy machine. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private BrowserOnLocalStack run;
    private LocalStackRun stack;
    private CampaignSite site;
    private CampaignSite otherSite;
    private WebDriver browser;
    private String api;

    @BeforeAll
    void startTheStackTheSitesAndTheBrowser() throws Exception {
        // the sites' certificates are self-signed: a test cannot have a public CA sign one
        run = BrowserOnLocalStack.start("--ignore-certificate-errors");
        stack = run.stack();
        browser = run.browser();
        api = stack.endpoint("TURNOUT_API_URL");
        site = CampaignSite.start(run.workDir());
        otherSite = CampaignSite.start(run.workDir());
    }

    @AfterAll
    void stopAll() throws IOException {
        try {
            if (site != null) {
                site.close();
            }
            if (otherSite != null) {
                otherSite.close();
            }
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    @Test
    void aScriptOnAListedSiteSignsUpAndReadsTheAnswersErrorsIncluded() throws Exception {
        String org = createOrganisation(List.of(site.origin()), null);
        browser.get(site.page("/fetch-" + org + ".html", fetchPage(org)));

        signUpByScript("pas-une-adresse");
        String refused = awaitResult();
        assertThat(refused).startsWith("400 ").contains("\"field\":\"email\"");

        signUpByScript("navigateur.fetch@example.org");
        assertThat(awaitResult()).isEqualTo("202 {\"status\":\"accepted\"}");
        assertThat(contactStatus(org, "navigateur.fetch@example.org")).isEqualTo("pending");
    }

    @Test
    void aScriptOnASiteTheOrganisationDidNotListIsRefusedByTheBrowser() throws Exception {
        String org = createOrganisation(List.of(site.origin()), null);
        browser.get(otherSite.page("/fetch-" + org + ".html", fetchPage(org)));

        signUpByScript("navigateur.refuse@example.org");
        assertThat(awaitResult()).isEqualTo("refused: TypeError");
        // the preflight got no Access-Control-Allow-Origin: the browser never sent the sign-up
        assertThat(contactStatus(org, "navigateur.refuse@example.org")).isNull();
    }

    @Test
    void aPlainFormSignsUpAndGetsAThankYouPageInTheOrganisationsLanguage() throws Exception {
        String org = createOrganisation(List.of(), null);
        browser.get(site.page("/form-" + org + ".html", formPage(org)));

        submitForm("navigateur.formulaire@example.org");
        new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.titleIs("Merci pour votre inscription"));
        assertThat(browser.getCurrentUrl()).isEqualTo(api + "/v1/orgs/" + org + "/signups");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Merci pour votre inscription");
        assertThat(contactStatus(org, "navigateur.formulaire@example.org")).isEqualTo("pending");

        browser.get(site.page("/form-" + org + ".html", formPage(org)));
        submitForm("pas-une-adresse");
        new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.titleIs("Le formulaire est à corriger"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Adresse e-mail : indiquez une adresse valable");
    }

    @Test
    void aPlainFormGoesOnToTheOrganisationsThankYouPage() throws Exception {
        String thankYou = site.page("/merci.html", "<!DOCTYPE html><html><head><title>Merci !</title></head>"
                + "<body><h1>Merci, à bientôt sur le terrain</h1></body></html>");
        String org = createOrganisation(List.of(), thankYou);
        browser.get(site.page("/form-" + org + ".html", formPage(org)));

        submitForm("navigateur.merci@example.org");
        new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.titleIs("Merci !"));
        assertThat(browser.getCurrentUrl()).isEqualTo(thankYou);
        assertThat(contactStatus(org, "navigateur.merci@example.org")).isEqualTo("pending");
    }

    /** Like docs/signup-forms.md's script example: posts JSON, and shows the status and body it got or the browser's refusal. */
    private String fetchPage(String org) {
        return """
                <!DOCTYPE html>
                <html lang="fr"><head><meta charset="utf-8"><title>Campagne</title></head><body>
                <form id="signup">
                  <input name="email" id="email">
                  <button type="submit" id="send">Je m'inscris</button>
                </form>
                <p id="result"></p>
                <script>
                document.getElementById('signup').addEventListener('submit', async (event) => {
                  event.preventDefault();
                  const result = document.getElementById('result');
                  try {
                    const response = await fetch('%s/v1/orgs/%s/signups', {
                      method: 'POST',
                      headers: { 'Content-Type': 'application/json' },
                      body: JSON.stringify({ email: document.getElementById('email').value,
                                             tags: ['benevole'], consentVersion: '2026-10' })
                    });
                    result.textContent = response.status + ' ' + await response.text();
                  } catch (error) {
                    result.textContent = 'refused: ' + error.name;
                  }
                });
                </script>
                </body></html>
                """.formatted(api, org);
    }

    /** A form with no script at all, as docs/signup-forms.md shows it. */
    private String formPage(String org) {
        return """
                <!DOCTYPE html>
                <html lang="fr"><head><meta charset="utf-8"><title>Campagne</title></head><body>
                <form method="post" action="%s/v1/orgs/%s/signups">
                  <input name="email" id="email">
                  <input name="firstName" id="firstName">
                  <label><input type="checkbox" name="tags" value="benevole" checked> Je veux aider</label>
                  <input type="hidden" name="consentVersion" value="2026-10">
                  <input name="website" style="display:none" tabindex="-1" autocomplete="off">
                  <button type="submit" id="send">Je m'inscris</button>
                </form>
                </body></html>
                """.formatted(api, org);
    }

    private void signUpByScript(String email) {
        WebElement field = browser.findElement(By.id("email"));
        field.clear();
        field.sendKeys(email);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('result').textContent = ''");
        browser.findElement(By.id("send")).click();
    }

    private String awaitResult() {
        return new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> {
            String text = driver.findElement(By.id("result")).getText();
            return text.isEmpty() ? null : text;
        });
    }

    private void submitForm(String email) {
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("firstName")).sendKeys("Camille");
        browser.findElement(By.id("send")).click();
    }

    /** A new organisation that takes sign-ups, created by the operator as staff would have it set up. */
    private String createOrganisation(List<String> origins, String thankYouUrl) throws Exception {
        String org = "site-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> settings = new HashMap<>(Map.of("id", org, "name", "Campagne " + org, "language", "fr",
                "senders", List.of(Map.of("name", "Équipe", "address", "equipe@demo.example.org")),
                "publicSignup", true, "allowedTags", List.of("benevole"), "signupOrigins", origins));
        if (thankYouUrl != null) {
            settings.put("signupThankYouUrl", thankYouUrl);
        }
        HttpResponse<String> created = http.send(admin("/v1/admin/orgs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(settings))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return org;
    }

    /** The contact's status as staff see it; null if there is no such contact. */
    private String contactStatus(String org, String email) throws Exception {
        HttpResponse<String> contact = http.send(HttpRequest.newBuilder(URI.create(api + "/v1/admin/orgs/" + org + "/contacts/" + email))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + stack.ownerToken(org)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (contact.statusCode() == 404) {
            return null;
        }
        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(contact.body());
        return body.path("status").asText();
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + stack.endpoint("TURNOUT_OPERATOR_TOKEN"));
    }
}
