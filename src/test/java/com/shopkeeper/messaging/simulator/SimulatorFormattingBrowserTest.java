package com.shopkeeper.messaging.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Chromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The chat page draws a reply as WhatsApp would: its formatting (bold, italic, strike, monospace,
 * links) from DOM nodes, never from the text as HTML, and its reply buttons and list picker, whose
 * tap goes back to the shop as the shopper's message. Replies with buttons are published on the
 * simulator's channel as a worker publishes any reply; the shared app's echo processor answers the tap.
 */
class SimulatorFormattingBrowserTest extends AppTest {

    static ChromeDriver browser;

    @Autowired StringRedisTemplate redis;

    WebDriverWait wait;

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

    @BeforeEach
    void openThePage() {
        browser.get("http://localhost:" + port + "/");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "online"));
    }

    @Test
    void aReplysWhatsAppFormattingIsDrawnAndItsMarkupStaysText() {
        say("*bold* _it_ ~gone~ ```mono``` `code` see https://example.com/a_b_/c?x=1. 2*3*4 snake_case_name "
                + "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script> *<b>x</b>*");
        WebElement reply = wait.until(d -> lastBot(b -> b.getText().startsWith("You said:")));

        assertThat(reply.findElement(By.tagName("strong")).getText()).isEqualTo("bold");
        assertThat(reply.findElement(By.tagName("em")).getText()).isEqualTo("it");
        assertThat(reply.findElement(By.tagName("s")).getText()).isEqualTo("gone");
        assertThat(reply.findElement(By.cssSelector("code.mono")).getText()).isEqualTo("mono");
        assertThat(reply.findElement(By.cssSelector("code.inline")).getText()).isEqualTo("code");
        WebElement link = reply.findElement(By.tagName("a"));
        assertThat(link.getDomAttribute("href")).isEqualTo("https://example.com/a_b_/c?x=1"); // the full stop ends the sentence
        assertThat(link.getDomAttribute("target")).isEqualTo("_blank");
        assertThat(link.getDomAttribute("rel")).contains("noopener");
        // Markers inside words are not formatting; markup is shown, not run.
        assertThat(reply.getText()).contains("2*3*4 snake_case_name")
                .contains("<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>");
        assertThat(reply.findElements(By.tagName("img"))).isEmpty();
        assertThat(reply.findElements(By.tagName("script"))).isEmpty();
        assertThat(reply.findElements(By.tagName("b"))).isEmpty();
        assertThat(reply.findElements(By.tagName("strong")).getLast().getText()).isEqualTo("<b>x</b>");
        assertThat(browser.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(Chromium.screenshot(browser, "simulator-formatting")).isNotEmptyFile();
    }

    @Test
    void tappingAReplyButtonAnswersWithItsTitleAndChoiceOnce() {
        ChatPagePosts.record(browser);
        publish("""
                {"session": "%s", "text": "Your cart has *2 items*.", "media": [],
                 "interactive": {"kind": "buttons", "body": "Your cart has 2 items.", "options": [
                   {"id": "sk:cart", "title": "View cart"}, {"id": "sk:checkout", "title": "Check out"},
                   {"id": "sk:browse", "title": "Keep browsing"}, {"id": "sk:fourth", "title": "Never shown"}]}}""");
        wait.until(d -> d.findElements(By.cssSelector(".choice-button")).size() == 3);
        assertThat(lastBot(b -> true).findElement(By.tagName("strong")).getText()).isEqualTo("2 items");
        assertThat(browser.findElements(By.cssSelector(".choice-button")).stream().map(WebElement::getText).toList())
                .containsExactly("View cart", "Check out", "Keep browsing");

        browser.findElement(By.cssSelector(".choice-button[data-choice='sk:checkout']")).click();

        wait.until(d -> ChatPagePosts.lastMine(browser).equals("Check out"));
        wait.until(d -> lastBot(b -> b.getText().equals("You said: Check out")) != null);
        assertThat(ChatPagePosts.posts(browser)).last().isEqualTo(Map.of("text", "Check out", "choice", "sk:checkout"));
        assertThat(browser.findElements(By.cssSelector(".choice-button"))).allMatch(b -> !b.isEnabled());
    }

    @Test
    void aListOpensAsASheetAndARowIsSentAsTheChoice() {
        ChatPagePosts.record(browser);
        publish("""
                {"session": "%s", "text": "We found _two_ sofas:", "media": [],
                 "interactive": {"kind": "list", "body": "We found two sofas:", "button": "View options", "options": [
                   {"id": "sk:sofa-1", "title": "Velvet Sofa", "description": "Ocean blue, $449.00"},
                   {"id": "sk:sofa-2", "title": "Linen Sofa", "description": "Sand, $399.00"}]}}""");
        WebElement opener = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".list-open")));
        assertThat(opener.getText()).contains("View options");
        assertThat(browser.findElement(By.id("list-sheet")).isDisplayed()).isFalse();

        opener.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("list-sheet")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#list-sheet .list-row"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getText()).contains("Linen Sofa").contains("Sand, $399.00");
        assertThat(Chromium.screenshot(browser, "simulator-list")).isNotEmptyFile();
        browser.findElement(By.cssSelector(".list-row[data-choice='sk:sofa-2']")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("list-sheet")));
        wait.until(d -> ChatPagePosts.lastMine(browser).equals("Linen Sofa"));
        wait.until(d -> lastBot(b -> b.getText().equals("You said: Linen Sofa")) != null);
        assertThat(ChatPagePosts.posts(browser)).last().isEqualTo(Map.of("text", "Linen Sofa", "choice", "sk:sofa-2"));
        assertThat(browser.findElement(By.cssSelector(".list-open")).isEnabled()).isFalse();
    }

    private void say(String text) {
        browser.findElement(By.id("input")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    /** A reply for this page's session, as a worker publishes it. */
    private void publish(String replyJson) {
        String session = (String) browser.executeScript("return localStorage.getItem('shopkeeper.session')");
        redis.convertAndSend(SimulatorPlatform.CHANNEL, replyJson.formatted(session));
    }

    /** The last bot bubble, when it matches; null (wait on) otherwise. */
    private WebElement lastBot(java.util.function.Predicate<WebElement> matches) {
        List<WebElement> bubbles = browser.findElements(By.cssSelector(".bubble.bot"));
        return bubbles.isEmpty() || !matches.test(bubbles.getLast()) ? null : bubbles.getLast();
    }
}
