package com.shopkeeper.messaging.simulator;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the browser tests read off the chat page: what it posts to the webhook, and the shopper's last bubble. */
final class ChatPagePosts {

    private ChatPagePosts() {
    }

    /** Keeps what the page posts to the webhook (but the message id), to read back with {@link #posts}. */
    static void record(ChromeDriver browser) {
        browser.executeScript("""
                window.posted = [];
                const fetch = window.fetch;
                window.fetch = (url, init) => {
                  if (url === '/webhook/web') { const {id, ...rest} = JSON.parse(init.body); window.posted.push(rest); }
                  return fetch(url, init);
                };""");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> posts(ChromeDriver browser) {
        return (List<Map<String, Object>>) browser.executeScript("return window.posted");
    }

    /** The text of the shopper's last bubble ("" before the first). */
    static String lastMine(ChromeDriver browser) {
        List<WebElement> bubbles = browser.findElements(By.cssSelector(".bubble.me"));
        return bubbles.isEmpty() ? "" : bubbles.getLast().getText();
    }
}
