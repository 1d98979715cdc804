package org.turnout.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through its chromedriver, with the flags this kind of machine needs. */
final class HeadlessChromium {
    /** Debian's packages, which CI installs (.ci/run); the driver is never downloaded. */
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** A browser with a profile of its own under {@code workDir}; {@code extraArguments} are added to the defaults. */
    static WebDriver start(Path workDir, String... extraArguments) throws IOException {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver (CI does, in .ci/run)").isExecutable();
        assertThat(CHROMEDRIVER).as("install Debian's chromium-driver (CI does, in .ci/run)").isExecutable();
        // the driver's path is given, so that Selenium Manager never looks for one (this machine has no network)
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectory(workDir.resolve("profile")));
        options.addArguments(extraArguments);
        return new ChromeDriver(driver, options);
    }
}
