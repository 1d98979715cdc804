package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The staff console in a real browser (Debian's headless Chromium) on {@code infra/local/run}: the dashboard shows
 * the figures of data made through the API, the language switch works, the page is used with the keyboard alone,
 * and axe-core finds no violation of the WCAG 2 A and AA rules on any page. The demo users sign in through the
 * local identity provider's login page; the other tests put a token it issued in the session cookie, as the
 * callback would, for organisations of their own. A screenshot of every page is kept in
 * {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    /** The first request may meet ApiFunction's cold start on a busy machine. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AXE = LocalStackRun.repositoryRoot().resolve("e2e/node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private BrowserOnLocalStack run;
    private LocalStackRun stack;
    private WebDriver browser;
    private String console;
    private String api;

    @BeforeAll
    void startTheStackAndTheBrowser() throws Exception {
        assertThat(AXE).as("run npm ci in e2e (CI does, in .ci/run)").isRegularFile();
        Files.createDirectories(SCREENSHOTS);
        // staff of a French campaign: the browser asks for French, as theirs would
        run = BrowserOnLocalStack.start("--window-size=1280,900", "--lang=fr-FR", "--accept-lang=fr-FR,fr");
        stack = run.stack();
        browser = run.browser();
        api = stack.endpoint("TURNOUT_API_URL");
        console = stack.endpoint("TURNOUT_CONSOLE_URL");
    }

    @AfterAll
    void stopAll() throws IOException {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void staffSeeTheirOrganisationsFiguresInEitherLanguageAndThePageHasNoAccessibilityViolation() throws Exception {
        String org = organisation();
        signUp(org, "camille.console@example.org");
        signUp(org, "dominique.console@example.org");
        String mailing = scheduledMailing(org);
        signIn(stack.token(Role.STAFF, org));

        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Tableau de bord");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.cssSelector("td[data-status=pending]")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("td[data-status=subscribed]")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']")).getText()).contains("Lettre de décembre");
        assertThat(browser.findElement(By.id("bounce-rate")).getText()).isEqualTo("–");
        assertNoAccessibilityViolation("dashboard-fr");

        browser.findElement(By.cssSelector("button[lang=en]")).click();
        awaitTitleStartingWith("Dashboard");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("contacts-heading")).getText()).isEqualTo("Contacts by status");
        assertThat(browser.findElement(By.cssSelector("button[lang=en]")).getAttribute("aria-pressed")).isEqualTo("true");
        assertNoAccessibilityViolation("dashboard-en");

        // htmx replaces the mailings part with what the server counts now, on its own
        WebElement before = browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']"));
        new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> isStale(before));
        assertThat(browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']")).getText()).contains("Lettre de décembre");
    }

    @Test
    void theKeyboardAloneReachesEverythingAndSwitchesTheLanguage() throws Exception {
        String org = organisation();
        signIn(stack.ownerToken(org));
        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Tableau de bord");

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            reached.add(focused.getTagName() + ":" + focused.getText().strip());
        }
        assertThat(reached.get(0)).isEqualTo("a:Aller au contenu");
        assertThat(reached).contains("button:Français", "button:English", "button:Se déconnecter", "a:Tableau de bord");

        // the skip link takes the focus to the main content
        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Tableau de bord");
        new Actions(browser).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

        // to the English button, then Enter
        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Tableau de bord");
        for (int i = 0; i < 12 && !"English".equals(browser.switchTo().activeElement().getText().strip()); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        awaitTitleStartingWith("Dashboard");
        screenshot("dashboard-keyboard");
    }

    @Test
    void aVolunteerAndAnotherOrganisationsOwnerAreToldTheyMayNotAndSignOutEndsTheSession() throws Exception {
        String org = organisation();
        signIn(stack.token(Role.VOLUNTEER, org));
        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Accès refusé");
        assertNoAccessibilityViolation("forbidden");

        signIn(stack.ownerToken(organisation()));
        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Accès refusé");

        signIn(stack.ownerToken(org));
        open(console + "/orgs/" + org + "/");
        awaitTitleStartingWith("Tableau de bord");
        open(console + "/signed-out");
        awaitTitleStartingWith("Vous êtes déconnecté");
        assertNoAccessibilityViolation("signed-out");
    }

    @Test
    void theDemoUsersSignInThroughTheLoginPageAndTheOwnerSignsOutAgain() throws Exception {
        String owner = stack.endpoint("TURNOUT_DEMO_OWNER_EMAIL");
        String dashboard = console + "/orgs/demo/";
        forgetTheSession();

        // the URL infra/local/run prints, as a newcomer opens it
        open(console);
        awaitTitleStartingWith("Connexion à Turnout");
        assertNoAccessibilityViolation("login");

        typeOnTheLoginPage(owner, stack.endpoint("TURNOUT_DEMO_OWNER_PASSWORD") + "-wrong");
        awaitTitleStartingWith("Connexion à Turnout");
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("Adresse e-mail ou mot de passe incorrect.");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(owner);
        assertNoAccessibilityViolation("login-wrong-password");
        open(dashboard);
        awaitTitleStartingWith("Connexion à Turnout");

        typeOnTheLoginPage(owner, stack.endpoint("TURNOUT_DEMO_OWNER_PASSWORD"));
        awaitTitleStartingWith("Tableau de bord");
        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard);
        screenshot("dashboard-demo-owner");

        browser.findElement(By.cssSelector("form.sign-out button[type=submit]")).click();
        awaitTitleStartingWith("Vous êtes déconnecté");
        assertThat(browser.getCurrentUrl()).isEqualTo(console + "/signed-out");
        open(dashboard);
        awaitTitleStartingWith("Connexion à Turnout");

        typeOnTheLoginPage(stack.endpoint("TURNOUT_DEMO_VOLUNTEER_EMAIL"), stack.endpoint("TURNOUT_DEMO_VOLUNTEER_PASSWORD"));
        awaitTitleStartingWith("Accès refusé");
        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard);
        screenshot("forbidden-demo-volunteer");
    }

    /** The managed login's form (e-mail, password), as a person fills it in and sends it. */
    private void typeOnTheLoginPage(String email, String password) {
        WebElement field = browser.findElement(By.id("email"));
        field.clear();
        field.sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> isStale(page));
    }

    /**
     * What the callback does once the login answered: the ID token in the console's session cookie; the language
     * chosen by the previous user of the browser goes.
     */
    private void signIn(String idToken) {
        forgetTheSession();
        browser.manage().addCookie(new Cookie.Builder("turnout_console", idToken).path("/console")
                .isHttpOnly(true).isSecure(true).sameSite("Strict").build());
    }

    /** No console session nor language left in the browser by the previous user. */
    private void forgetTheSession() {
        if (!browser.getCurrentUrl().startsWith(console)) {
            // cookies are deleted and set on the page's own site: be on it first (a page that needs no session)
            open(console + "/signed-out");
        }
        browser.manage().deleteCookieNamed("turnout_console");
        browser.manage().deleteCookieNamed("turnout_console_lang");
    }

    private void open(String url) {
        browser.get(url);
    }

    private void awaitTitleStartingWith(String start) {
        try {
            new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> driver.getTitle().startsWith(start));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Waited for a title starting with '" + start + "' at " + browser.getCurrentUrl()
                    + "; the page: '" + browser.getTitle() + "' " + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isDisplayed();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        }
    }

    /** axe-core, injected into the page, with the WCAG 2.0 and 2.1 A and AA rules; a screenshot is kept either way. */
    private void assertNoAccessibilityViolation(String page) throws Exception {
        screenshot(page);
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        Object result = script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then(results => done(JSON.stringify(results.violations.map(v => ({ id: v.id, impact: v.impact,
                         nodes: v.nodes.map(n => n.target.join(' ')) })))))
                   .catch(error => done('error: ' + error));
                """);
        assertThat(String.valueOf(result)).as("axe-core on " + page).isEqualTo("[]");
    }

    private void screenshot(String page) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String organisation() throws Exception {
        String org = "console-" + UUID.randomUUID().toString().substring(0, 8);
        post("/v1/admin/orgs", stack.endpoint("TURNOUT_OPERATOR_TOKEN"), Map.of("id", org, "name", "Campagne " + org,
                "language", "fr", "timeZone", "Europe/Paris", "publicSignup", true,
                "senders", List.of(Map.of("name", "Équipe", "address", "equipe@demo.example.org"))), 201);
        return org;
    }

    private void signUp(String org, String email) throws Exception {
        post("/v1/orgs/" + org + "/signups", null, Map.of("email", email, "consentVersion", "2026-10"), 202);
    }

    private String scheduledMailing(String org) throws Exception {
        String token = stack.token(Role.STAFF, org);
        String segment = post("/v1/admin/orgs/" + org + "/segments", token, Map.of("name", "Tous",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("x")))).path("id").asText();
        String id = post("/v1/admin/orgs/" + org + "/mailings", token, Map.of("name", "Lettre de décembre",
                "from", Map.of("address", "equipe@demo.example.org"), "subject", "Bonjour", "html", "<p>Bonjour</p>",
                "text", "Bonjour", "segmentId", segment)).path("id").asText();
        post("/v1/admin/orgs/" + org + "/mailings/" + id + "/schedule", token,
                Map.of("sendAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()), 200);
        return id;
    }

    private JsonNode post(String path, String token, Object body) throws Exception {
        return post(path, token, body, 201);
    }

    private JsonNode post(String path, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(PAGE_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }
}
