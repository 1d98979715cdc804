package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The owners' settings area in a real browser on {@code infra/local/run}: an owner changes the organisation's
 * settings, invites a staff member, adds a sender, suppresses an address and lifts it, and finds all of it in the
 * audit trail; removing the last owner is refused; the invited staff member signs in through the local login page
 * with the password of the invitation and is refused every settings page. axe-core on every page and state.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleSettingsBrowserTest {
    private static final List<String> TABS = List.of("settings", "settings/members", "settings/senders", "settings/suppressions",
            "settings/audit");
    private static final Pattern TEMPORARY_PASSWORD = Pattern.compile("(?s).*mot de passe\\s+provisoire : (\\S+) .*");

    private final ConsoleBrowser console;
    private final WebDriver browser;
    private final LocalStackRun stack;

    ConsoleSettingsBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
        this.stack = console.stack();
    }

    @Test
    void anOwnerRunsTheOrganisationAndSeesItAllInTheAuditTrail() throws Exception {
        String org = console.organisation();
        console.signIn(Role.OWNER, org);

        console.openOrganisationPage(org, "settings");
        console.awaitTitleStartingWith("Organisation ·");
        console.assertNoAccessibilityViolation("settings-organisation-fr");
        type(By.id("name"), "Lyon en commun");
        type(By.id("timeZone"), "Mars/Olympus");
        submit("form[hx-put]");
        awaitText(By.id("timeZone-error"), "Fuseau horaire inconnu");
        assertThat(browser.findElement(By.id("timeZone")).getAttribute("aria-invalid")).isEqualTo("true");
        console.assertNoAccessibilityViolation("settings-organisation-refused-fr");
        type(By.id("timeZone"), "Europe/Paris");
        submit("form[hx-put]");
        awaitText(By.cssSelector("p.done"), "Les réglages sont enregistrés.");
        console.openOrganisationPage(org, "");
        console.awaitTitleStartingWith("Tableau de bord");
        assertThat(browser.findElement(By.cssSelector(".brand .org")).getText()).isEqualTo("Lyon en commun");

        String staff = "equipe-" + org + "@example.org";
        console.openOrganisationPage(org, "settings/members");
        console.awaitTitleStartingWith("Membres ·");
        invite(staff, "staff");
        awaitText(By.cssSelector("p.done"), "L'invitation est envoyée.");
        assertThat(browser.findElement(By.id("panel")).getText()).contains(staff);
        console.assertNoAccessibilityViolation("settings-members-fr");
        String owner = "titulaire-" + org + "@example.org";
        invite(owner, "owner");
        awaitText(By.cssSelector("p.done"), "L'invitation est envoyée.");
        removeMember(owner);
        awaitText(By.id("last-owner"), "dernier propriétaire");
        console.assertNoAccessibilityViolation("settings-members-last-owner-fr");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            console.assertNoAccessibilityViolation("settings-members-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }

        add(org, "settings/senders", "Expéditeurs ·", Map.of("sender-name", "Presse", "sender-address", "presse@demo.example.org"),
                "L'expéditeur est ajouté.");
        assertThat(browser.findElement(By.id("panel")).getText()).contains("presse@demo.example.org");
        console.assertNoAccessibilityViolation("settings-senders-fr");

        add(org, "settings/suppressions", "Exclusions ·", Map.of("suppress-email", "refus@example.org",
                "suppress-reason", "Demande par téléphone"), "L'adresse est exclue.");
        console.assertNoAccessibilityViolation("settings-suppressions-fr");
        WebElement row = browser.findElement(By.cssSelector("tr[data-suppression]"));
        assertThat(row.getText()).contains("refus@example.org", "Demande par téléphone");
        row.findElement(By.name("reason")).sendKeys("Erreur de saisie");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        awaitText(By.cssSelector("p.done"), "L'exclusion est levée.");
        assertThat(browser.findElements(By.cssSelector("tr[data-suppression]"))).isEmpty();

        console.openOrganisationPage(org, "settings/audit");
        console.awaitTitleStartingWith("Journal d'audit ·");
        assertThat(actions()).containsSubsequence("suppression.remove", "suppression.add", "organisation.update",
                "member.invite", "member.invite", "organisation.update");
        console.assertNoAccessibilityViolation("settings-audit-fr");
        browser.findElement(By.linkText("suppression.add")).click();
        console.await(driver -> actions().equals(List.of("suppression.add")));

        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Audit trail ·");
        assertThat(browser.findElement(By.id("audit-heading")).getText()).isEqualTo("Audit trail");
        assertThat(actions()).startsWith("suppression.remove");
        console.assertNoAccessibilityViolation("settings-audit-en");
        console.openOrganisationPage(org, "settings/members");
        console.awaitTitleStartingWith("Members ·");
        console.assertNoAccessibilityViolation("settings-members-en");

        // the staff member signs in with the invitation's password, chooses their own, and may not open the settings
        console.forgetTheSession();
        console.open(console.url());
        console.awaitTitleStartingWith("Connexion à Turnout");
        browser.findElement(By.id("email")).sendKeys(staff);
        browser.findElement(By.id("password")).sendKeys(temporaryPassword(staff));
        submit("button[type=submit]");
        console.awaitTitleStartingWith("Choisissez votre mot de passe");
        browser.findElement(By.id("new-password")).sendKeys("Equipe-de-campagne-2026");
        submit("button[type=submit]");
        console.awaitTitleStartingWith("Tableau de bord");
        assertThat(browser.getCurrentUrl()).isEqualTo(console.url() + "/orgs/" + org + "/");
        assertThat(browser.findElements(By.cssSelector("nav a[href$='/settings']"))).isEmpty();
        for (String tab : TABS) {
            console.openOrganisationPage(org, tab);
            console.awaitTitleStartingWith("Accès refusé");
        }
        console.screenshot("settings-forbidden-staff");
    }

    /** Opens a settings page, fills its form's {@code fields} (by id), sends it, and waits for the page to say {@code done}. */
    private void add(String org, String page, String title, Map<String, String> fields, String done) {
        console.openOrganisationPage(org, page);
        console.awaitTitleStartingWith(title);
        fields.forEach((id, value) -> type(By.id(id), value));
        submit("form.fields");
        awaitText(By.cssSelector("p.done"), done);
    }

    private void invite(String email, String role) {
        type(By.id("invite-email"), email);
        new Select(browser.findElement(By.id("invite-role"))).selectByValue(role);
        submit("form.fields");
    }

    private void removeMember(String email) {
        browser.findElement(By.cssSelector("button[aria-label='Retirer " + email + "']")).click();
    }

    private void type(By field, String text) {
        WebElement input = browser.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Submits through the element's button and waits until htmx (or the browser) has replaced it. */
    private void submit(String selector) {
        WebElement element = browser.findElement(By.cssSelector(selector));
        WebElement button = element.getTagName().equals("button") ? element : element.findElement(By.cssSelector("button[type=submit]"));
        button.click();
        console.await(driver -> ConsoleBrowser.isStale(element));
    }

    private void awaitText(By where, String text) {
        console.await(driver -> {
            try {
                return driver.findElements(where).stream().anyMatch(found -> found.getText().contains(text));
            } catch (StaleElementReferenceException swapped) {
                return false;
            }
        });
    }

    private List<String> actions() {
        try {
            return browser.findElements(By.cssSelector("tr[data-action]")).stream().map(row -> row.getAttribute("data-action")).toList();
        } catch (StaleElementReferenceException swapped) {
            return List.of();
        }
    }

    /** The temporary password of the invitation the SES emulator holds for {@code email}. */
    private String temporaryPassword(String email) throws Exception {
        HttpResponse<String> store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.endpoint("TURNOUT_SES_URL") + "/store")).timeout(ConsoleBrowser.PAGE_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode invitation = StreamSupport.stream(new ObjectMapper().readTree(store.body()).path("emails").spliterator(), false)
                .filter(sent -> sent.path("destination").path("to").toString().contains(email)).findFirst().orElseThrow();
        Matcher password = TEMPORARY_PASSWORD.matcher(invitation.path("body").path("text").asText());
        assertThat(password.matches()).as("the invitation's text").isTrue();
        return password.group(1);
    }
}
