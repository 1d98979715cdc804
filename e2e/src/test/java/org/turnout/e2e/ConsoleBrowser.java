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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The staff console in a real browser (Debian's headless Chromium) on one {@code infra/local/run}, shared by every
 * console browser test class of the run ({@link Shared}: started by the first, stopped when all are done), and what
 * those tests do with it: sign in as a role of an organisation, open a page, wait for its title, run axe-core on it
 * and keep its screenshot in {@code target/console-screenshots/}, and prepare data through the API as a campaign's
 * other tools would. The browser asks for French, as a French campaign's staff's would.
 */
final class ConsoleBrowser implements AutoCloseable {
    /** The first request may meet ApiFunction's cold start on a busy machine. */
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AXE = LocalStackRun.repositoryRoot().resolve("e2e/node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BrowserOnLocalStack run;
    private final String console;
    private final String api;

    private ConsoleBrowser(BrowserOnLocalStack run) {
        this.run = run;
        this.console = run.stack().endpoint("TURNOUT_CONSOLE_URL");
        this.api = run.stack().endpoint("TURNOUT_API_URL");
    }

    /** Hands the run's one console browser to a test class's constructor or methods. */
    static final class Shared implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleBrowser.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ConsoleBrowser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // the root store closes it (AutoCloseable) once every class of the run is done
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(ConsoleBrowser.class, key -> start(), ConsoleBrowser.class);
        }
    }

    private static ConsoleBrowser start() {
        try {
            assertThat(AXE).as("run npm ci in e2e (CI does, in .ci/run)").isRegularFile();
            Files.createDirectories(SCREENSHOTS);
            return new ConsoleBrowser(BrowserOnLocalStack.start("--window-size=1280,900", "--lang=fr-FR", "--accept-lang=fr-FR,fr"));
        } catch (IOException e) {
            throw new IllegalStateException("the console's browser and local stack did not start", e);
        }
    }

    public WebDriver browser() {
        return run.browser();
    }

    public LocalStackRun stack() {
        return run.stack();
    }

    /** The console's URL, as {@code infra/local/run} prints it. */
    public String url() {
        return console;
    }

    /** The page of an organisation at {@code path} (e.g. {@code "contacts"}; empty for its dashboard). */
    public void openOrganisationPage(String org, String path) {
        open(console + "/orgs/" + org + "/" + path);
    }

    public void open(String url) {
        browser().get(url);
    }

    /** What the callback does once the login answered: the ID token in the session cookie; no language chosen. */
    public void signIn(String idToken) {
        forgetTheSession();
        browser().manage().addCookie(new Cookie.Builder("turnout_console", idToken).path("/console")
                .isHttpOnly(true).isSecure(true).sameSite("Strict").build());
    }

    /** Signs in as {@code role} of {@code org} (a token of the local identity provider). */
    public void signIn(Role role, String org) {
        signIn(stack().token(role, org));
    }

    /** No console session nor language left in the browser by the previous user. */
    public void forgetTheSession() {
        if (!browser().getCurrentUrl().startsWith(console)) {
            // cookies are deleted and set on the page's own site: be on it first (a page that needs no session)
            open(console + "/signed-out");
        }
        browser().manage().deleteCookieNamed("turnout_console");
        browser().manage().deleteCookieNamed("turnout_console_lang");
    }

    public void awaitTitleStartingWith(String start) {
        try {
            new WebDriverWait(browser(), PAGE_TIMEOUT).until(driver -> driver.getTitle().startsWith(start));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Waited for a title starting with '" + start + "' at " + browser().getCurrentUrl()
                    + "; the page: '" + browser().getTitle() + "' " + browser().findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * Waits (up to {@link #PAGE_TIMEOUT}: htmx's polling on a busy machine) until {@code condition} holds. An element
     * that htmx replaced while the condition read it (stale) means the page is still changing: the condition is
     * read again.
     */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser(), PAGE_TIMEOUT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    public static boolean isStale(WebElement element) {
        try {
            element.isDisplayed();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    /**
     * axe-core, injected into the page, with the WCAG 2.0 and 2.1 A and AA rules: no violation at all. A screenshot
     * named {@code page} is kept either way.
     */
    public void assertNoAccessibilityViolation(String page) throws IOException {
        screenshot(page);
        JavascriptExecutor script = (JavascriptExecutor) browser();
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

    public void screenshot(String page) throws IOException {
        File shot = ((TakesScreenshot) browser()).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A new organisation of a French campaign, made by the operator, with one sender and public sign-up. */
    public String organisation() throws IOException, InterruptedException {
        String org = "console-" + UUID.randomUUID().toString().substring(0, 8);
        post("/v1/admin/orgs", stack().endpoint("TURNOUT_OPERATOR_TOKEN"), Map.of("id", org, "name", "Campagne " + org,
                "language", "fr", "timeZone", "Europe/Paris", "publicSignup", true,
                "senders", List.of(Map.of("name", "Équipe", "address", "equipe@demo.example.org"))), 201);
        return org;
    }

    /** A request to the API ({@code path} from its root, e.g. {@code /v1/admin/orgs}); the answer's status must be {@code expected}. */
    public JsonNode post(String path, String token, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(PAGE_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return answer(path, request, expected);
    }

    public JsonNode get(String path, String token, int expected) throws IOException, InterruptedException {
        return answer(path, HttpRequest.newBuilder(URI.create(api + path)).timeout(PAGE_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET(), expected);
    }

    private JsonNode answer(String path, HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    @Override
    public void close() throws IOException {
        run.close();
    }
}
