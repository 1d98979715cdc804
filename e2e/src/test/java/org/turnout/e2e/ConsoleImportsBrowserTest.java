package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.turnout.local.LocalIdentityProvider.Role;

/**
 * The console's imports and election results pages in a real browser on {@code infra/local/run}: a French export
 * dropped on the drop zone (or chosen with its file input) goes to the bucket through the pre-signed URL, its
 * preview shows the delimiter and encoding the import detects, a mapping is changed, the import runs on the local
 * ImportFunction while the progress is polled to its end, and the report is downloaded; a results file reaches
 * {@code done} on the elections page. axe-core on every state, in French and once in English.
 */
@ExtendWith(ConsoleBrowser.Shared.class)
class ConsoleImportsBrowserTest {
    /** The French export of the import tests: Windows-1252, ';', a formula, a duplicate, five rejected rows. */
    private static final Path FRENCH_EXPORT = LocalStackRun.repositoryRoot()
            .resolve("functions/core/src/test/resources/imports/contacts-fr-windows1252.csv");
    private static final Path RESULTS = LocalStackRun.repositoryRoot()
            .resolve("functions/api/src/test/resources/elections/presidentielle-2022-t1.csv");

    private final ConsoleBrowser console;
    private final WebDriver browser;

    ConsoleImportsBrowserTest(ConsoleBrowser console) {
        this.console = console;
        this.browser = console.browser();
    }

    @Test
    void anOwnerDropsTheFrenchListAdjustsItsMappingWatchesTheImportAndDownloadsTheReport() throws Exception {
        String org = openNewOrganisations(Role.OWNER, "imports", "Imports");
        console.assertNoAccessibilityViolation("imports-fr");

        drop(FRENCH_EXPORT, browser.findElement(By.cssSelector("[data-upload]")));
        WebElement detected = console.await(driver -> driver.findElement(By.id("detected")));
        assertThat(detected.getText()).contains("« ; »", "windows-1252");
        assertThat(new Select(browser.findElement(By.id("delimiter"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(";");
        assertThat(browser.findElement(By.cssSelector(".preview-rows tbody")).getText()).contains("Léa", "=HYPERLINK(\"http://evil.example\")");
        console.assertNoAccessibilityViolation("imports-preview-fr");

        // the station column is left out: htmx asks for the preview again with the mapping
        WebElement station = stationSelect();
        assertThat(new Select(station).getFirstSelectedOption().getAttribute("value")).isEqualTo("station");
        new Select(station).selectByValue("ignore");
        console.await(driver -> ConsoleBrowser.isStale(station));
        assertThat(new Select(stationSelect()).getFirstSelectedOption().getAttribute("value")).isEqualTo("ignore");
        console.assertNoAccessibilityViolation("imports-mapping-fr");

        browser.findElement(By.id("start-import")).click();
        console.await(driver -> driver.findElement(By.cssSelector("section.progress")));
        console.screenshot("imports-progress-fr");
        WebElement done = console.await(driver -> driver.findElement(By.cssSelector("section.progress[data-status=done]")));
        assertThat(count(done, "rows")).isEqualTo("10");
        assertThat(count(done, "created")).isEqualTo("4");
        assertThat(count(done, "duplicates")).isEqualTo("1");
        assertThat(count(done, "rejected")).isEqualTo("5");
        assertThat(browser.findElement(By.id("import-progress")).getAttribute("value")).isEqualTo("100");
        console.assertNoAccessibilityViolation("imports-done-fr");

        String report = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('import-report').href).then(r => r.text()).then(done, e => done('failed: ' + e));");
        assertThat(report).startsWith("line,reason,outcome").contains("paul.example.org");

        // the list below takes the finished import in
        console.await(driver -> driver.findElement(By.id("imports-list")).getText().contains("contacts-fr-windows1252.csv"));
        assertThat(browser.findElement(By.id("imports-list")).getText()).contains("terminé");
    }

    @Test
    void theFileInputWorksWithTheKeyboardInEnglishAndOnAPhone() throws Exception {
        openNewOrganisations(Role.STAFF, "imports", "Imports");
        browser.findElement(By.cssSelector("button[lang=en]")).click();
        console.await(driver -> driver.findElement(By.id("upload-heading")).getText().equals("Import a contact list"));

        browser.findElement(By.id("import-file")).sendKeys(FRENCH_EXPORT.toString());
        WebElement detected = console.await(driver -> driver.findElement(By.id("detected")));
        assertThat(detected.getText()).contains("Detected", "windows-1252");
        console.assertNoAccessibilityViolation("imports-preview-en");

        Dimension size = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            console.screenshot("imports-preview-phone");
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    void aResultsFileDroppedOnTheElectionsPageIsImported() throws Exception {
        openNewOrganisations(Role.STAFF, "elections", "Résultats électoraux");
        console.assertNoAccessibilityViolation("elections-fr");

        browser.findElement(By.id("election-name")).sendKeys("Présidentielle 2022, 1er tour");
        // a date field's typing order follows the browser's locale: its value is set as the form sends it
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2022-04-10'", browser.findElement(By.id("election-date")));
        drop(RESULTS, browser.findElement(By.cssSelector("[data-upload]")));
        WebElement row = console.await(driver -> driver.findElement(By.cssSelector("#elections-list td[data-status=done]")));
        assertThat(row.findElement(By.xpath("..")).getText()).contains("Présidentielle 2022, 1er tour", "2022-04-10");
        console.assertNoAccessibilityViolation("elections-done-fr");
    }

    /** The page at {@code path} of a new organisation, for a user of {@code role} in it; returns the organisation. */
    private String openNewOrganisations(Role role, String path, String title) throws Exception {
        String org = console.organisation();
        console.signIn(role, org);
        console.openOrganisationPage(org, path);
        console.awaitTitleStartingWith(title);
        return org;
    }

    /**
     * Drops the file on the zone as a browser does: the file read by a file input the test adds (hidden), then a
     * {@code drop} event carrying it in a {@code DataTransfer}.
     */
    private void drop(Path file, WebElement zone) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        WebElement source = (WebElement) js.executeScript("var input = document.createElement('input');"
                + "input.type = 'file'; input.hidden = true; input.id = 'test-drop-source'; document.body.append(input); return input;");
        source.sendKeys(file.toString());
        js.executeScript("var dt = new DataTransfer(); dt.items.add(arguments[0].files[0]);"
                + "arguments[1].dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "arguments[1].dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "arguments[0].remove();", source, zone);
    }

    private WebElement stationSelect() {
        String index = browser.findElement(By.cssSelector("input[type=hidden][value='Bureau de vote']")).getAttribute("name")
                .substring("header-".length());
        return browser.findElement(By.id("field-" + index));
    }

    private static String count(WebElement progress, String which) {
        return progress.findElement(By.cssSelector("[data-count=" + which + "]")).getText();
    }
}
