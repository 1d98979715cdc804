package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The staff console in a real browser (Debian's headless Chromium) on {@code infra/local/run}: the dashboard shows
 * the figures of data made through the API, the language switch works, the page is used with the keyboard alone,
 * and axe-core finds no violation of the WCAG 2 A and AA rules on any page. The demo users sign in through the
 * local identity provider's login page; the other tests put a token it issued in the session cookie, as the
 * callback would, for organisations of their own. A screenshot of every page is kept in
 * {@code target/console-screenshots/} ({@link ConsoleBrowser}).
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleBrowserTest {
    private final ConsoleBrowser console;
    private final WebDriver browser;
    private final LocalStackRun stack;

    ConsoleBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
        this.stack = console.stack();
    }

    @Test
    void staffSeeTheirOrganisationsFiguresInEitherLanguageAndThePageHasNoAccessibilityViolation() throws Exception {
        String org = console.organisation();
        signUp(org, "camille.console@example.org");
        signUp(org, "dominique.console@example.org");
        String mailing = scheduledMailing(org);
        console.signIn(stack.token(Role.STAFF, org));

        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Tableau de bord");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.cssSelector("td[data-status=pending]")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("td[data-status=subscribed]")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']")).getText()).contains("Lettre de décembre");
        assertThat(browser.findElement(By.id("bounce-rate")).getText()).isEqualTo("–");
        console.assertNoAccessibilityViolation("dashboard-fr");

        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Dashboard");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("contacts-heading")).getText()).isEqualTo("Contacts by status");
        assertThat(browser.findElement(By.cssSelector("button[lang=en]")).getAttribute("aria-pressed")).isEqualTo("true");
        console.assertNoAccessibilityViolation("dashboard-en");

        // htmx replaces the mailings part with what the server counts now, on its own
        WebElement before = browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']"));
        console.await(driver -> ConsoleBrowser.isStale(before));
        assertThat(browser.findElement(By.cssSelector("tr[data-mailing='" + mailing + "']")).getText()).contains("Lettre de décembre");
    }

    @Test
    void theKeyboardAloneReachesEverythingAndSwitchesTheLanguage() throws Exception {
        String org = console.organisation();
        console.signIn(stack.ownerToken(org));
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Tableau de bord");

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            reached.add(focused.getTagName() + ":" + focused.getText().strip());
        }
        assertThat(reached.get(0)).isEqualTo("a:Aller au contenu");
        assertThat(reached).contains("button:Français", "button:English", "button:Se déconnecter", "a:Tableau de bord");

        // the skip link takes the focus to the main content
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Tableau de bord");
        new Actions(browser).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

        // to the English button, then Enter
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Tableau de bord");
        for (int i = 0; i < 12 && !"English".equals(browser.switchTo().activeElement().getText().strip()); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        console.awaitTitleStartingWith("Dashboard");
        console.screenshot("dashboard-keyboard");
    }

    @Test
    void aVolunteerAndAnotherOrganisationsOwnerAreToldTheyMayNotAndSignOutEndsTheSession() throws Exception {
        String org = console.organisation();
        console.signIn(stack.token(Role.VOLUNTEER, org));
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Accès refusé");
        console.assertNoAccessibilityViolation("forbidden");

        console.signIn(stack.ownerToken(console.organisation()));
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Accès refusé");

        console.signIn(stack.ownerToken(org));
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Tableau de bord");
        console.open(console.url() + "/signed-out");
        console.awaitTitleStartingWith("Vous êtes déconnecté");
        console.assertNoAccessibilityViolation("signed-out");
    }

    @Test
    void theDemoUsersSignInThroughTheLoginPageAndTheOwnerSignsOutAgain() throws Exception {
        String owner = stack.endpoint("TURNOUT_DEMO_OWNER_EMAIL");
        String dashboard = console.url() + "/orgs/demo/";
        console.forgetTheSession();

        // the URL infra/local/run prints, as a newcomer opens it
        console.open(console.url());
        console.awaitTitleStartingWith("Connexion à Turnout");
        console.assertNoAccessibilityViolation("login");

        typeOnTheLoginPage(owner, stack.endpoint("TURNOUT_DEMO_OWNER_PASSWORD") + "-wrong");
        console.awaitTitleStartingWith("Connexion à Turnout");
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("Adresse e-mail ou mot de passe incorrect.");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(owner);
        console.assertNoAccessibilityViolation("login-wrong-password");
        console.open(dashboard);
        console.awaitTitleStartingWith("Connexion à Turnout");

        typeOnTheLoginPage(owner, stack.endpoint("TURNOUT_DEMO_OWNER_PASSWORD"));
        console.awaitTitleStartingWith("Tableau de bord");
        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard);
        console.screenshot("dashboard-demo-owner");

        browser.findElement(By.cssSelector("form.sign-out button[type=submit]")).click();
        console.awaitTitleStartingWith("Vous êtes déconnecté");
        assertThat(browser.getCurrentUrl()).isEqualTo(console.url() + "/signed-out");
        console.open(dashboard);
        console.awaitTitleStartingWith("Connexion à Turnout");

        typeOnTheLoginPage(stack.endpoint("TURNOUT_DEMO_VOLUNTEER_EMAIL"), stack.endpoint("TURNOUT_DEMO_VOLUNTEER_PASSWORD"));
        console.awaitTitleStartingWith("Accès refusé");
        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard);
        console.screenshot("forbidden-demo-volunteer");
    }

    /** The managed login's form (e-mail, password), as a person fills it in and sends it. */
    private void typeOnTheLoginPage(String email, String password) {
        WebElement field = browser.findElement(By.id("email"));
        field.clear();
        field.sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        console.await(driver -> ConsoleBrowser.isStale(page));
    }

    private void signUp(String org, String email) throws Exception {
        console.post("/v1/orgs/" + org + "/signups", null, Map.of("email", email, "consentVersion", "2026-10"), 202);
    }

    private String scheduledMailing(String org) throws Exception {
        String token = stack.token(Role.STAFF, org);
        String segment = console.post("/v1/admin/orgs/" + org + "/segments", token, Map.of("name", "Tous",
                "rule", Map.of("field", "tags", "op", "hasAny", "values", List.of("x"))), 201).path("id").asText();
        String id = console.post("/v1/admin/orgs/" + org + "/mailings", token, Map.of("name", "Lettre de décembre",
                "from", Map.of("address", "equipe@demo.example.org"), "subject", "Bonjour", "html", "<p>Bonjour</p>",
                "text", "Bonjour", "segmentId", segment), 201).path("id").asText();
        console.post("/v1/admin/orgs/" + org + "/mailings/" + id + "/schedule", token,
                Map.of("sendAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()), 200);
        return id;
    }
}
