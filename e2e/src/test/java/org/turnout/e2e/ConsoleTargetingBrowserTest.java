package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The console's targeting page in a real browser on {@code infra/local/run}: results of two elections uploaded through
 * the API (the files of the API's targeting tests) and imported by PrecinctImportFunction, an address file for the
 * doors; the owner ticks both elections and the side, sees the stations ranked with the figures worked out by hand and
 * the chart's bars, opens a station's walk list, whose print style leaves the navigation out; a volunteer is refused.
 * axe-core and a screenshot on every page and state, in French and in English.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleTargetingBrowserTest {
    /** The address file staff drop for the doors of station 0001: the Ministry's BAN-like columns, as the walk-list tests use. */
    private static final String ADDRESSES = """
            numero;rep;voie;code postal;bureau de vote
            1;;Rue de la Paix;33999;0001
            3;;Rue de la Paix;33999;0001
            12;bis;Rue de la Paix;33999;0001
            2;;Allée des Chênes;33999;0001
            4;;Allée des Chênes;33999;0001
            7;;Boulevard Ailleurs;33999;0002
            """;

    private final ConsoleBrowser console;
    private final WebDriver browser;
    private final LocalStackRun stack;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleTargetingBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
        this.stack = console.stack();
    }

    @Test
    void theOwnerRanksTheStationsOfTwoElectionsAndPrintsAWalkList() throws Exception {
        String org = console.organisation();
        String token = stack.token(Role.OWNER, org);
        String presidential = election(org, token, "presidentielle-2022-t1.csv", "Présidentielle 2022", "2022-04-10");
        String european = election(org, token, "europeennes-2024.csv", "Européennes 2024", "2024-06-09");
        addresses(org, token);
        console.signIn(token);

        console.openOrganisationPage(org, "targeting");
        console.awaitTitleStartingWith("Ciblage");
        assertThat(browser.findElements(By.cssSelector("#ranking table"))).isEmpty();
        console.assertNoAccessibilityViolation("targeting-choice-fr");

        // each box ticked asks htmx for the ranking again; the last one gives the whole choice
        tick("input[name=elections][value='" + presidential + "']");
        tick("input[name=elections][value='" + european + "']");
        tick("input[name=side][value='Julie BESSON']");
        tick("input[name=side][value='GAUCHE UNIE']");
        console.await(driver -> stationsRanked().equals(List.of("0001", "0002", "0003")));
        // 2024 is the reference: GAUCHE UNIE 400 of 500 in 0001 with 500 abstentions: 80 %, a potential of 400;
        // 350 of 700 in 0002 (300 abstentions): 150; 50 of 250 in 0003: 50; BESSON had 60 % there in 2022: a gap of 40 %
        assertThat(cells("0001")).containsExactly("1", "0001", "1000", "500", "50,0 %", "80,0 %", "400,0", "66,7 %", "0,0 %", "haute",
                "Porte-à-porte du bureau 0001");
        assertThat(cells("0002")).containsSubsequence("2", "1000", "300", "50,0 %", "150,0", "91,7 %", "moyenne");
        assertThat(cells("0003")).containsSubsequence("3", "500", "250", "20,0 %", "50,0", "100,0 %", "40,0 %", "basse");
        assertThat(browser.findElement(By.id("for50")).getText()).isEqualTo("1");
        List<WebElement> bars = browser.findElements(By.cssSelector("#ranking svg rect.score"));
        assertThat(bars).extracting(bar -> bar.getAttribute("data-station")).containsExactly("0001", "0002", "0003");
        assertThat(bars).extracting(bar -> Double.parseDouble(bar.getAttribute("height"))).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(browser.findElement(By.cssSelector("#ranking svg title")).getAttribute("textContent")).isEqualTo("Potentiel par bureau et part cumulée");
        assertThat(browser.getCurrentUrl()).contains("elections=" + presidential, "side=GAUCHE+UNIE");
        scrollTo("ranking");
        console.assertNoAccessibilityViolation("targeting-ranking-fr");

        // on a phone
        browser.manage().window().setSize(new Dimension(390, 844));
        console.assertNoAccessibilityViolation("targeting-ranking-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        browser.findElement(By.linkText("Porte-à-porte du bureau 0001")).click();
        console.awaitTitleStartingWith("Porte-à-porte – bureau 0001");
        // the doors of the address file, one block per street side, odd before even, in house-number order
        assertThat(browser.findElements(By.cssSelector("table.walk-side caption"))).extracting(WebElement::getText)
                .containsExactly("Allée des Chênes (pairs)", "Rue de la Paix (impairs)", "Rue de la Paix (pairs)");
        assertThat(browser.findElements(By.cssSelector("table.walk-side tr.door td:first-child"))).extracting(WebElement::getText)
                .containsExactly("2", "4", "1", "3", "12 bis");
        console.assertNoAccessibilityViolation("walklist-fr");

        // printed: no navigation, no header bar, no tools; the doors stay
        assertThat(displayed("nav")).isEqualTo("block");
        emulateMedia("print");
        try {
            assertThat(displayed("nav")).isEqualTo("none");
            assertThat(displayed("header.bar")).isEqualTo("none");
            assertThat(displayed(".walk-tools")).isEqualTo("none");
            assertThat(displayed("table.walk-side")).isEqualTo("table");
            console.screenshot("walklist-print");
        } finally {
            emulateMedia("");
        }

        // back to the same ranking, then all of it in English
        browser.findElement(By.linkText("Retour au classement")).click();
        console.await(driver -> stationsRanked().equals(List.of("0001", "0002", "0003")));
        String ranking = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.awaitTitleStartingWith("Targeting");
        console.open(ranking);
        console.awaitTitleStartingWith("Targeting");
        assertThat(cells("0001")).contains("400.0", "80.0%", "high");
        scrollTo("ranking");
        console.assertNoAccessibilityViolation("targeting-ranking-en");
        browser.findElement(By.linkText("Walk list of station 0001")).click();
        console.awaitTitleStartingWith("Door to door – station 0001");
        console.assertNoAccessibilityViolation("walklist-en");
    }

    @Test
    void aVolunteerIsRefusedTheTargetingPageAndTheWalkLists() throws Exception {
        String org = console.organisation();
        console.signIn(stack.token(Role.VOLUNTEER, org));
        for (String page : List.of("targeting", "targeting/walklist?station=0001&turfSize=40")) {
            console.openOrganisationPage(org, page);
            console.awaitTitleStartingWith("Accès refusé");
            assertThat(browser.findElements(By.tagName("table"))).as(page).isEmpty();
        }
        console.screenshot("targeting-volunteer");
    }

    private void tick(String checkbox) {
        WebElement box = browser.findElement(By.cssSelector(checkbox));
        box.click();
        assertThat(box.isSelected()).isTrue();
    }

    /** The ranking's stations in order; none while htmx swaps it. */
    private List<String> stationsRanked() {
        try {
            return browser.findElements(By.cssSelector("#ranking tbody tr")).stream().map(row -> row.getAttribute("data-station")).toList();
        } catch (StaleElementReferenceException swapped) {
            return List.of();
        }
    }

    private List<String> cells(String station) {
        return browser.findElements(By.cssSelector("#ranking tr[data-station='" + station + "'] > *")).stream()
                .map(cell -> cell.getText().replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
    }

    /** For the screenshot: the part of the page the test looks at. */
    private void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private String displayed(String selector) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).display", selector));
    }

    /** The page as printed ({@code print}) or as on screen (empty), through DevTools, as Chromium's print preview sees it. */
    private void emulateMedia(String media) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    /** An election made through the API, its file PUT to the pre-signed URL; waits until PrecinctImportFunction has imported it. */
    private String election(String org, String token, String file, String name, String date) throws Exception {
        JsonNode ticket = console.post("/v1/admin/orgs/" + org + "/elections", token,
                Map.of("fileName", file, "name", name, "date", date), 201);
        put(ticket.path("upload").path("uploadUrl").asText(),
                Files.readAllBytes(LocalStackRun.repositoryRoot().resolve("functions/api/src/test/resources/elections/" + file)));
        String id = ticket.path("electionId").asText();
        console.await(driver -> status(org, token, id).equals("done"));
        return id;
    }

    /** The address file through the API's pre-signed URL; waits until it is imported. */
    private void addresses(String org, String token) throws Exception {
        JsonNode ticket = console.post("/v1/admin/orgs/" + org + "/addresses", token, Map.of("fileName", "adresses.csv"), 201);
        put(ticket.path("uploadUrl").asText(), ADDRESSES.getBytes(StandardCharsets.ISO_8859_1));
        String key = ticket.path("key").asText();
        console.await(driver -> {
            for (JsonNode file : read("/v1/admin/orgs/" + org + "/addresses", token).path("items")) {
                if (file.path("objectKey").asText().equals(key) && file.path("status").asText().equals("done")) {
                    return true;
                }
            }
            return false;
        });
    }

    private String status(String org, String token, String election) {
        return read("/v1/admin/orgs/" + org + "/elections/" + election, token).path("status").asText();
    }

    private JsonNode read(String path, String token) {
        try {
            return console.get(path, token, 200);
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    private void put(String url, byte[] file) throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }
}
