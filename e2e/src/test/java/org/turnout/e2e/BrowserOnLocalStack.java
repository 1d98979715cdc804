package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What a browser test runs on: {@code infra/local/run} ({@link LocalStackRun}) and Debian's headless Chromium
 * through its chromedriver, with the flags this kind of machine needs, and a working directory for both that
 * {@link #close} removes with everything else it started.
 */
final class BrowserOnLocalStack implements AutoCloseable {
    /** Debian's packages, which CI installs (.ci/run); the driver is never downloaded. */
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path workDir;
    private LocalStackRun stack;
    private WebDriver browser;

    private BrowserOnLocalStack(Path workDir) {
        this.workDir = workDir;
    }

    /** {@code chromiumArguments} are added to the defaults. */
    static BrowserOnLocalStack start(String... chromiumArguments) throws IOException {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver (CI does, in .ci/run)").isExecutable();
        assertThat(CHROMEDRIVER).as("install Debian's chromium-driver (CI does, in .ci/run)").isExecutable();
        BrowserOnLocalStack run = new BrowserOnLocalStack(Files.createTempDirectory("turnout-browser-"));
        try {
            run.stack = LocalStackRun.start();
            // the driver's path is given, so that Selenium Manager never looks for one (this machine has no network)
            ChromeDriverService driver = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createDirectory(run.workDir.resolve("profile")));
            options.addArguments(chromiumArguments);
            run.browser = new ChromeDriver(driver, options);
            return run;
        } catch (RuntimeException | AssertionError | IOException e) {
            run.close(); // nothing is left running when the start fails half-way
            throw e;
        }
    }

    /** A directory of the test's own, removed by {@link #close}. */
    Path workDir() {
        return workDir;
    }

    LocalStackRun stack() {
        return stack;
    }

    WebDriver browser() {
        return browser;
    }

    @Override
    public void close() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                try (var files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }
}
