package com.shopkeeper.messaging.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.shopkeeper.support.AppTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real browser (Debian's headless Chromium): a person types, the message goes
 * through the gateway, queue and worker, and the reply appears live over the event stream.
 */
class SimulatorBrowserTest extends AppTest {

    static ChromeDriver browser;

    static Optional<Path> firstExisting(String... paths) {
        return Stream.of(paths).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @BeforeAll
    static void openBrowser() throws Exception {
        Optional<Path> chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Optional<Path> driver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(),
                "SKIPPED: no chromium and chromedriver binaries (install Debian's packages: apt-get install -y chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("shopkeeper-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonChatsWithTheBotAndRepliesAppearLive() throws Exception {
        browser.get("http://localhost:" + port + "/");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "online"));

        say(wait, "hello from the browser");
        wait.until(d -> botBubbles().stream().anyMatch(b -> b.getText().equals("You said: hello from the browser")));
        say(wait, "and a second one");
        wait.until(d -> botBubbles().size() >= 2);

        assertThat(botBubbles().stream().map(WebElement::getText).toList())
                .containsExactly("You said: hello from the browser", "You said: and a second one");
        assertThat(browser.findElements(By.cssSelector(".bubble.me")).stream().map(WebElement::getText).toList())
                .containsExactly("hello from the browser", "and a second one");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "simulator.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void say(WebDriverWait wait, String text) {
        WebElement input = browser.findElement(By.id("input"));
        input.sendKeys(text);
        browser.findElement(By.id("send")).click();
        wait.until(d -> browser.findElements(By.cssSelector(".bubble.me")).stream().anyMatch(b -> b.getText().equals(text)));
    }

    private List<WebElement> botBubbles() {
        return browser.findElements(By.cssSelector(".bubble.bot"));
    }
}
