package com.shopkeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven by Selenium through Debian's chromedriver (`.ci/run` installs both).
 * Without them a browser test fails, unless {@code -Dshopkeeper.tests.skip-browser=true} ({@link TestTool#BROWSER}).
 */
public final class Chromium {

    private Chromium() {
    }

    public static ChromeDriver start() {
        Optional<Path> chromium = TestTool.firstExecutable("/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> driver = TestTool.firstExecutable("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        TestTool.BROWSER.require(chromium.isPresent() && driver.isPresent(), "No "
                + (chromium.isEmpty() ? "chromium (looked for /usr/bin/chromium, chromium-browser, google-chrome)" : "")
                + (chromium.isEmpty() && driver.isEmpty() ? " and no " : "")
                + (driver.isEmpty() ? "chromedriver (looked for /usr/bin/chromedriver, /usr/lib/chromium/chromedriver)" : ""));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        try {
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1500,1000",
                    "--user-data-dir=" + Files.createTempDirectory("shopkeeper-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as target/{name}.png. */
    public static Path screenshot(ChromeDriver browser, String name) {
        Path target = Path.of("target", name + ".png");
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
