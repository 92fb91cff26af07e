package com.shopkeeper.messaging.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.money.Money;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Chromium;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, "the chat simulator shows buttons and lists and taps them": the real chat page over the
 * real application (conversation engine, offline model, sandbox payments). After one typed message,
 * a shopper buys by taps alone: the list of results, a row, "Add to cart", "Checkout", "Pay now",
 * and the payment link is in the chat. The server's cart, order and transition log say the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its Redis is its own and goes with the class
class SimulatorTapsBrowserTest {

    static final Path DIR = TestDatabases.tempDir("sk-simulator-taps");
    /** A redis-server of its own: every database of the test Redis already belongs to another class. */
    static final PrivateRedis REDIS = PrivateRedis.start(false);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(REDIS::close));
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
        registry.add("spring.data.redis.url", REDIS::url);
        registry.add("shopkeeper.processor", () -> "engine");
        registry.add("shopkeeper.llm.provider", () -> "offline");
        registry.add("shopkeeper.payment.provider", () -> "sandbox");
        registry.add("shopkeeper.simulator.enabled", () -> "true");
    }

    static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired ProductService products;

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

    Http api() {
        return new Http("http://localhost:" + port, JsonMapper.builder().build()).withToken(AppTest.ADMIN_TOKEN);
    }

    @Test
    void aShopperBuysABackpackByTapsAloneAfterOneTypedMessage() {
        Product trail = products.create(new ProductDraft("TAP-BAG-1", "Trail Backpack 28L, Moss", "a light daypack for hikes",
                Money.of("79.00", "USD"), List.of("Bags", "Backpacks"), null, true, Map.of("color", "green")));
        products.create(new ProductDraft("TAP-BAG-2", "City Backpack 20L, Charcoal", "a laptop backpack for the commute",
                Money.of("64.50", "USD"), List.of("Bags", "Backpacks"), null, true, Map.of("color", "grey")));
        browser.get("http://localhost:" + port + "/");
        wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "online"));
        ChatPagePosts.record(browser);

        // The one typed message: the results come with a list to open.
        browser.findElement(By.id("input")).sendKeys("do you have backpacks");
        browser.findElement(By.id("send")).click();
        WebElement opener = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".list-open")));
        assertThat(opener.getText()).contains("View products");
        assertThat(lastBot()).contains("Trail Backpack 28L, Moss");

        // Open the list and tap the trail backpack's row: its details come with buttons.
        opener.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("list-sheet")));
        assertThat(browser.findElements(By.cssSelector("#list-sheet .list-row")).stream().map(WebElement::getText).toList())
                .anySatisfy(row -> assertThat(row).contains("City Backpack 20L, Charcoal").contains("$64.50"));
        assertThat(Chromium.screenshot(browser, "simulator-taps-list")).isNotEmptyFile();
        browser.findElement(By.cssSelector(".list-row[data-choice='sk:details:" + trail.id() + "']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("list-sheet")));

        tap("Add to cart");
        wait.until(d -> lastBot().contains("Added"));
        tap("Checkout");
        tap("Pay now");

        // The payment link is in the chat, as a link.
        WebElement link = wait.until(d -> {
            List<WebElement> bubbles = d.findElements(By.cssSelector(".bubble.bot"));
            return bubbles.isEmpty() ? null
                    : bubbles.getLast().findElements(By.cssSelector("a[href*='/pay/']")).stream().findFirst().orElse(null);
        });
        assertThat(link.getDomAttribute("href")).startsWith("http://").contains("/pay/");
        assertThat(Chromium.screenshot(browser, "simulator-taps-paid")).isNotEmptyFile();

        // One message was typed; every other was a tap, posted with its choice.
        List<Map<String, Object>> posts = ChatPagePosts.posts(browser);
        assertThat(posts).hasSize(5);
        assertThat(posts.getFirst()).doesNotContainKey("choice");
        assertThat(posts.subList(1, 5)).extracting(p -> p.get("choice"))
                .containsExactly("sk:details:" + trail.id(), "sk:add:" + trail.id(), "sk:checkout", "sk:pay");

        // The server agrees: one order for the backpack, awaiting its payment, made by the calls the taps named.
        JsonNode conversation = api().get("/api/admin/conversations?size=1").json().get("items").get(0);
        String id = conversation.get("id").asString();
        JsonNode detail = api().get("/api/admin/conversations/" + id).json();
        assertThat(detail.get("state").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(detail.get("orders")).hasSize(1);
        JsonNode order = api().get("/api/admin/orders/" + detail.get("orders").get(0).get("id").asString()).json();
        assertThat(order.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.get("total_amount").asString()).isEqualTo("79.00");
        assertThat(order.toString()).contains("Trail Backpack 28L, Moss").doesNotContain("City Backpack");
        List<String> steps = StreamSupport.stream(api().get("/api/admin/conversations/" + id + "/transitions").json().spliterator(), false)
                .map(s -> s.get("from").asString() + " " + s.get("event").asString() + " " + s.get("to").asString()
                        + " " + s.get("outcome").asString())
                .toList();
        assertThat(steps).containsSubsequence(
                "BROWSING search_products BROWSING APPLIED",
                "BROWSING get_product_details PRODUCT_FOCUS APPLIED",
                "PRODUCT_FOCUS add_to_cart CART APPLIED",
                "CART create_order CHECKOUT APPLIED",
                "CHECKOUT get_payment_link AWAITING_PAYMENT APPLIED");
        assertThat(steps).noneMatch(s -> s.endsWith("REFUSED"));
    }

    /** Taps the newest button with this title (older replies' buttons stay on the page, greyed once used). */
    private void tap(String title) {
        WebElement button = wait.until(d -> {
            List<WebElement> boxes = d.findElements(By.cssSelector(".choices"));
            return boxes.isEmpty() ? null : boxes.getLast().findElements(By.cssSelector(".choice-button")).stream()
                    .filter(b -> b.getText().equals(title) && b.isEnabled()).findFirst().orElse(null);
        });
        int replies = browser.findElements(By.cssSelector(".bubble.bot")).size();
        button.click();
        wait.until(d -> ChatPagePosts.lastMine(browser).equals(title));
        wait.until(d -> d.findElements(By.cssSelector(".bubble.bot")).size() > replies);
    }

    private String lastBot() {
        List<WebElement> bubbles = browser.findElements(By.cssSelector(".bubble.bot"));
        return bubbles.isEmpty() ? "" : bubbles.getLast().getText();
    }
}
