package com.shopkeeper.messaging.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Chromium;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real browser (Debian's headless Chromium): a person types, the message goes
 * through the gateway, queue and worker, and the reply appears live over the event stream.
 */
class SimulatorBrowserTest extends AppTest {

    static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = Chromium.start();
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
        assertThat(Chromium.screenshot(browser, "simulator")).isNotEmptyFile();
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
