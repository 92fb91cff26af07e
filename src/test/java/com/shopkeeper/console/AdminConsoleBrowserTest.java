package com.shopkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.money.Money;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Chromium;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin UI in a real browser (Debian's headless Chromium) over the real application with the
 * conversation engine and the offline model: an admin signs in, opens the visualizer, a shopper
 * chats in the simulator in another tab, and the visualizer's state counts and the conversation's
 * highlighted path follow live. A shopper asks for a person: the admin sees them waiting, takes the
 * conversation over, writes to them and hands it back; a VIEWER sees it all without the controls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the journey signs in; the layout is then judged with its traffic drawn
class AdminConsoleBrowserTest {

    static final IsolatedApp APP = IsolatedApp.create("console", 11);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
        registry.add("shopkeeper.processor", () -> "engine");
        registry.add("shopkeeper.llm.provider", () -> "offline");
        registry.add("shopkeeper.simulator.enabled", () -> "true"); // the shopper's tab; beside Twilio only when asked for
    }

    static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired ProductService products;

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

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    Http api() {
        return new Http(url(""), JsonMapper.builder().build()).withToken(AppTest.ADMIN_TOKEN);
    }

    @Test
    @Order(1)
    void anAdminWatchesAShoppersConversationMoveThroughTheMachineLive() {
        products.create(new ProductDraft("VIS-SOFA-1", "Velvet Sofa, Ocean Blue", "a deep three-seater sofa",
                Money.of("449.00", "USD"), List.of("Furniture", "Sofas"), null, true, Map.of("color", "blue")));
        var wait = live(new WebDriverWait(browser, Duration.ofSeconds(40)));

        // Sign in: the visualizer sends us to the sign-in page first.
        browser.get(url("/admin/visualizer"));
        wait.until(ExpectedConditions.urlContains("/admin/sign-in"));
        browser.findElement(By.id("token")).sendKeys(AppTest.ADMIN_TOKEN);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/admin/visualizer"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "live"));
        wait.until(d -> count("BROWSING") >= 0);
        int browsingBefore = count("BROWSING");
        int focusBefore = count("PRODUCT_FOCUS");
        String visualizer = browser.getWindowHandle();

        // A shopper says hello in the simulator, in another tab.
        browser.switchTo().newWindow(WindowType.TAB);
        String simulator = browser.getWindowHandle();
        browser.get(url("/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "online"));
        say(wait, "do you have a blue sofa?", 1);

        // The visualizer counts the new conversation in BROWSING without a reload.
        browser.switchTo().window(visualizer);
        wait.until(d -> count("BROWSING") == browsingBefore + 1);
        String conversationId = latestConversation().get("id").asString();
        wait.until(d -> options().contains(conversationId));
        new Select(browser.findElement(By.id("conversation"))).selectByValue(conversationId);
        wait.until(d -> steps().stream().anyMatch(s -> s.startsWith("BROWSING → search_products → BROWSING")));
        assertThat(browser.findElement(By.cssSelector("#path li")).getText()).contains("do you have a blue sofa?");

        // The shopper picks the sofa: the count moves to PRODUCT_FOCUS and the path grows, live.
        browser.switchTo().window(simulator);
        say(wait, "the first one", 2);
        browser.switchTo().window(visualizer);
        wait.until(d -> count("PRODUCT_FOCUS") == focusBefore + 1 && count("BROWSING") == browsingBefore);
        wait.until(d -> steps().stream().anyMatch(s -> s.startsWith("BROWSING → get_product_details → PRODUCT_FOCUS")));
        WebElement current = browser.findElement(By.cssSelector("#path li.current"));
        assertThat(current.getText()).contains("get_product_details").contains("the first one");

        // The graph itself: the step's edge is on the highlighted path and counted, the node holds one more.
        @SuppressWarnings("unchecked")
        List<Object> edge = (List<Object>) browser.executeScript("""
                const cy = window.shopkeeperVisualizer.cy;
                const e = cy.getElementById('applied:BROWSING->PRODUCT_FOCUS');
                return [e.data('count'), e.hasClass('path'), e.hasClass('current'),
                        cy.getElementById('PRODUCT_FOCUS').data('count')];""");
        assertThat(((Number) edge.get(0)).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(edge.get(1)).isEqualTo(true);
        assertThat(edge.get(2)).isEqualTo(true);
        assertThat(((Number) edge.get(3)).intValue()).isEqualTo(focusBefore + 1);
        assertThat(Chromium.screenshot(browser, "visualizer")).isNotEmptyFile();

        // Asking to pay before there is an order is refused: drawn in red on the edge it tried.
        browser.switchTo().window(simulator);
        say(wait, "send me the payment link", 3);
        browser.switchTo().window(visualizer);
        wait.until(d -> !d.findElements(By.cssSelector("#path li.refused")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#path li.refused")).getText())
                .contains("PRODUCT_FOCUS ✕ get_payment_link").contains("send me the payment link");
        @SuppressWarnings("unchecked")
        List<Object> refusedEdge = (List<Object>) browser.executeScript("""
                const e = window.shopkeeperVisualizer.cy.getElementById('refused:PRODUCT_FOCUS->AWAITING_PAYMENT');
                return [e.nonempty(), e.nonempty() && e.data('count'), e.nonempty() && e.hasClass('path')];""");
        assertThat(refusedEdge.get(0)).isEqualTo(true);
        assertThat(((Number) refusedEdge.get(1)).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(refusedEdge.get(2)).isEqualTo(true);
        assertThat(Chromium.screenshot(browser, "visualizer-refused")).isNotEmptyFile();

        // The shopper orders; the visualizer's path follows to CHECKOUT.
        browser.switchTo().window(simulator);
        say(wait, "add 1", 4);
        say(wait, "checkout", 5);
        browser.switchTo().window(visualizer);
        wait.until(d -> steps().stream().anyMatch(s -> s.startsWith("CART → create_order → CHECKOUT")));
        browser.switchTo().window(simulator);
        browser.close();
        browser.switchTo().window(visualizer);

        // The orders page lists the order; the admin cancels it there (the page asks first).
        browser.get(url("/admin/orders?"));
        By orderRow = By.xpath("//table[@id='orders']//tr[td[@class='status' and text()='PENDING_PAYMENT']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(orderRow));
        WebElement row = browser.findElement(orderRow);
        String orderId = row.getAttribute("data-id");
        new Select(row.findElement(By.tagName("select"))).selectByValue("CANCELLED");
        row.findElement(By.cssSelector("button.apply")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> api().get("/api/admin/orders/" + orderId).json().get("status").asString().equals("CANCELLED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//table[@id='orders']//tr[@data-id='" + orderId + "']/td[@class='status']"), "CANCELLED"));
        assertThat(Chromium.screenshot(browser, "admin-orders")).isNotEmptyFile();

        // The other pages show the same conversation and the catalog.
        browser.get(url("/admin/conversations"));
        wait.until(d -> !d.findElements(By.cssSelector("#conversations tr[data-id='" + conversationId + "']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#conversations tr[data-id='" + conversationId + "']")).getText())
                .contains("CART"); // the cancelled order put the shopper back to their cart
        browser.get(url("/admin/conversations/" + conversationId));
        wait.until(d -> d.findElements(By.cssSelector("#messages li")).size() >= 4);
        assertThat(browser.findElement(By.id("messages")).getText()).contains("do you have a blue sofa?")
                .contains("Velvet Sofa, Ocean Blue");
        // The cancellation's notice to the shopper, and how it went (the simulator keeps no 24-hour window).
        wait.until(d -> d.findElement(By.id("notices")).getText().contains("cancelled"));
        assertThat(browser.findElement(By.id("notices")).getText()).contains("text").contains("queued");
        browser.get(url("/admin/products"));
        wait.until(d -> !d.findElements(By.cssSelector("#products td.name")).isEmpty());
        assertThat(browser.findElement(By.id("products")).getText()).contains("Velvet Sofa, Ocean Blue");

        // An admin edits a price through the page: the script sends the CSRF token, the API checks the price.
        WebElement sofaRow = browser.findElement(By.xpath("//table[@id='products']//tr[td[contains(., 'VIS-SOFA-1')]]"));
        sofaRow.findElement(By.cssSelector("button.edit")).click();
        WebElement price = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#edit-form input[name='price']")));
        price.clear();
        price.sendKeys("399.005");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-problem")));
        assertThat(browser.findElement(By.id("edit-problem")).getText()).contains("price");
        price.clear();
        price.sendKeys("399.00");
        browser.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("products")).getText().contains("$399.00"));
        String id = api().get("/api/admin/products/search?q=velvet+sofa").json().get("results").get(0).get("id").asString();
        assertThat(api().get("/api/admin/products/" + id).json().get("price").asString()).isEqualTo("399.00");
        assertThat(Chromium.screenshot(browser, "admin-products")).isNotEmptyFile();

        // The metrics page draws the funnel the API computes: this shopper started and reached PRODUCT_FOCUS.
        browser.get(url("/admin/metrics"));
        wait.until(d -> !d.findElements(By.cssSelector("#m-started .value")).isEmpty());
        JsonNode funnel = api().get("/api/admin/metrics/funnel").json();
        assertThat(browser.findElement(By.cssSelector("#m-started .value")).getText())
                .isEqualTo(funnel.get("conversations").get("started").asString());
        assertThat(funnel.get("conversations").get("started").asInt()).isGreaterThanOrEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Object> entered = (List<Object>) browser.executeScript(
                "return Chart.getChart(document.getElementById('funnel')).data.datasets[0].data;");
        assertThat(entered).hasSize(5);
        assertThat(((Number) entered.get(1)).intValue()).as("entered PRODUCT_FOCUS").isGreaterThanOrEqualTo(1);
        assertThat(Chromium.screenshot(browser, "admin-metrics")).isNotEmptyFile();
    }

    @Test
    @Order(2)
    void anAdminTakesOverAShopperWhoAskedForAPersonWritesToThemAndHandsItBack() {
        var wait = live(new WebDriverWait(browser, Duration.ofSeconds(40)));
        open("/admin/conversations", AppTest.ADMIN_TOKEN, wait);
        String admin = browser.getWindowHandle();

        // A new shopper (a session of its own) looks for a sofa; the list shows their conversation, live.
        browser.switchTo().newWindow(WindowType.TAB);
        String simulator = browser.getWindowHandle();
        browser.get(url("/"));
        browser.executeScript("localStorage.removeItem('shopkeeper.session')");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "online"));
        say(wait, "do you have a blue sofa?", 1);
        String conversationId = latestConversation().get("id").asString();
        browser.switchTo().window(admin);
        wait.until(d -> listed().containsKey(conversationId));
        assertThat(listed().get(conversationId).get("badge")).isEqualTo("");

        // They ask for a person: the bot says one is coming, and the list marks them waiting, without a reload.
        browser.switchTo().window(simulator);
        say(wait, "can I talk to a human?", 2);
        assertThat(lastBot()).contains("person from the shop");
        browser.switchTo().window(admin);
        wait.until(d -> listed().getOrDefault(conversationId, Map.of("badge", "")).get("badge").startsWith("waiting for a person"));
        assertThat(listed().get(conversationId).get("state")).isEqualTo("HANDOFF");
        // The "needs a person" filter keeps it, and only those waiting.
        browser.findElement(By.id("needs-person")).click();
        wait.until(d -> {
            Map<String, Map<String, String>> rows = listed();
            return rows.containsKey(conversationId) && rows.values().stream().noneMatch(r -> r.get("badge").isEmpty())
                    && !rows.get(conversationId).get("badge").isEmpty();
        });
        assertThat(Chromium.screenshot(browser, "admin-conversations-waiting")).isNotEmptyFile();

        // The admin opens it: waiting for a person, and why.
        browser.findElement(By.cssSelector("#conversations tr[data-id='" + conversationId + "'] a")).click();
        wait.until(ExpectedConditions.urlContains("/admin/conversations/" + conversationId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-status"), "Waiting for a person"));
        assertThat(browser.findElement(By.id("person-status")).getText()).contains("asked");
        assertThat(browser.findElement(By.id("hand-back")).isEnabled()).isTrue();

        // Takes it over: it is theirs, and the panel says so.
        WebElement takeOver = browser.findElement(By.id("take-over"));
        wait.until(ExpectedConditions.elementToBeClickable(takeOver)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-status"), "has this conversation"));
        JsonNode detail = api().get("/api/admin/conversations/" + conversationId).json();
        assertThat(detail.get("state").asString()).isEqualTo("HANDOFF");
        assertThat(detail.get("handoff").get("taken_by").asString()).isEqualTo(browser.findElement(By.id("caller")).getText());
        assertThat(detail.get("handoff").get("came_from").asString()).isEqualTo("BROWSING");
        assertThat(browser.findElement(By.id("person-status")).getText()).contains(detail.get("handoff").get("taken_by").asString());

        // The shopper writes meanwhile: the bot stays quiet, and the admin's page shows it live.
        browser.switchTo().window(simulator);
        say(wait, "hello? is anyone there", 0);
        browser.switchTo().window(admin);
        wait.until(d -> d.findElement(By.id("messages")).getText().contains("hello? is anyone there"));

        // The admin writes; the page says how it went, and the shopper sees it in the chat.
        browser.findElement(By.id("person-text")).sendKeys("Hi, Sam here");
        browser.findElement(By.id("person-send")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("person-result")));
        assertThat(browser.findElement(By.id("person-result")).getText()).contains("Sent as text");
        // Among the messages, as a person's (read in one go: the page redraws them as the feed brings news).
        wait.until(d -> String.valueOf(browser.executeScript(
                "const li = document.querySelector('#messages li.person'); return li && li.textContent;")).contains("Hi, Sam here"));
        assertThat(Chromium.screenshot(browser, "admin-conversation-with-person")).isNotEmptyFile();
        browser.switchTo().window(simulator);
        wait.until(d -> lastBot().equals("Hi, Sam here"));
        assertThat(browser.findElements(By.cssSelector(".bubble.bot")).stream().map(WebElement::getText)
                .filter(t -> t.contains("is anyone there") || t.contains("didn't catch"))).isEmpty();

        // The admin hands it back: the bot has it again, in the state it came from.
        browser.switchTo().window(admin);
        browser.findElement(By.id("hand-back")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-status"), "The bot has this conversation"));
        assertThat(api().get("/api/admin/conversations/" + conversationId).json().get("state").asString()).isEqualTo("BROWSING");
        assertThat(browser.findElement(By.id("hand-back")).isEnabled()).isFalse();

        // And answers the shopper's next message.
        browser.switchTo().window(simulator);
        int bots = browser.findElements(By.cssSelector(".bubble.bot")).size();
        say(wait, "the first one", bots + 1);
        assertThat(lastBot()).contains("Velvet Sofa, Ocean Blue");
        browser.close();
        browser.switchTo().window(admin);
        String path = api().get("/api/admin/conversations/" + conversationId + "/transitions").body();
        assertThat(path).contains("ask_for_person").contains("handed_back").contains("get_product_details");

        // A VIEWER's session shows the same conversation and whether a person has it, but none of the controls.
        String viewerToken = api().postJson("/api/admin/tokens", Map.of("name", "watcher", "role", "VIEWER"))
                .json().get("token").asString();
        browser.findElement(By.cssSelector(".sign-out button")).click();
        wait.until(ExpectedConditions.urlContains("/admin/sign-in"));
        open("/admin/conversations/" + conversationId, viewerToken, wait);
        wait.until(d -> d.findElement(By.id("messages")).getText().contains("Hi, Sam here"));
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("VIEWER");
        assertThat(browser.findElement(By.id("person-status")).getText()).contains("The bot has this conversation");
        assertThat(browser.findElements(By.id("take-over"))).isEmpty();
        assertThat(browser.findElements(By.id("hand-back"))).isEmpty();
        assertThat(browser.findElements(By.id("person-message"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("textarea, #person-send"))).isEmpty();
        assertThat(browser.findElement(By.id("read-only")).getText()).contains("only an ADMIN");
        assertThat(Chromium.screenshot(browser, "admin-conversation-viewer")).isNotEmptyFile();
        browser.findElement(By.cssSelector(".sign-out button")).click();
        wait.until(ExpectedConditions.urlContains("/admin/sign-in"));
    }

    @Test
    @Order(3)
    void atTheDefaultWindowSizeEveryEdgeLabelIsLegibleApartAndInView() {
        browser.manage().window().setSize(new Dimension(1400, 900));
        var wait = live(new WebDriverWait(browser, Duration.ofSeconds(40)));
        open("/admin/visualizer", AppTest.ADMIN_TOKEN, wait);
        wait.until(d -> count("BROWSING") >= 0);
        // Labels are placed, and the graph fitted, after the activity arrives and the box has its size: wait for it to settle.
        var last = new AtomicReference<Object>();
        wait.pollingEvery(Duration.ofMillis(400)).until(d -> {
            Object now = layout();
            return now.equals(last.getAndSet(now));
        });

        assertThat(Chromium.screenshot(browser, "visualizer-1400x900")).isNotEmptyFile();
        @SuppressWarnings("unchecked")
        Map<String, Object> layout = (Map<String, Object>) last.get();
        double width = ((Number) layout.get("width")).doubleValue();
        double height = ((Number) layout.get("height")).doubleValue();
        assertThat(width).as("the graph's box").isGreaterThan(900);
        assertThat(height).as("the graph's box").isGreaterThan(500);
        assertThat(((Number) layout.get("font")).doubleValue()).as("edge labels' rendered font size, px").isGreaterThanOrEqualTo(10.5);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> labels = (List<Map<String, Object>>) layout.get("labels");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) layout.get("nodes");
        assertThat(labels).as("labelled edges").hasSizeGreaterThan(8);
        assertThat(nodes).extracting(n -> n.get("id")).contains("BROWSING", "PRODUCT_FOCUS", "CART", "CHECKOUT", "AWAITING_PAYMENT");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            var a = labels.get(i);
            if (box(a, "x1") < 0 || box(a, "y1") < 0 || box(a, "x2") > width || box(a, "y2") > height) {
                problems.add(a.get("id") + " is outside the view: " + a);
            }
            for (var b : labels.subList(i + 1, labels.size())) {
                if (overlap(a, b)) {
                    problems.add(a.get("id") + " overlaps " + b.get("id"));
                }
            }
            for (var n : nodes) {
                if (overlap(a, n)) {
                    problems.add(a.get("id") + " covers state " + n.get("id"));
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> middles = (List<Map<String, Object>>) layout.get("middles");
        for (var a : labels) {
            for (var m : middles) {
                double x = box(m, "x");
                double y = box(m, "y");
                if (!m.get("id").equals(a.get("id")) && x > box(a, "x1") && x < box(a, "x2") && y > box(a, "y1") && y < box(a, "y2")) {
                    problems.add(a.get("id") + " covers the middle of " + m.get("id") + ", where one points at it");
                }
            }
        }
        for (var n : nodes) {
            if (box(n, "x1") < 0 || box(n, "y1") < 0 || box(n, "x2") > width || box(n, "y2") > height) {
                problems.add("state " + n.get("id") + " is outside the view");
            }
        }
        assertThat(problems).isEmpty();

        // Pointing at an edge shows what its label leaves out: the guards, which here decide where removing an item leads.
        // The point: on the edge's curve, the first from its middle outwards that Cytoscape itself would
        // hit-test to this edge (the edge back the other way runs close beside it). Live activity may
        // re-fit the graph between finding the point and pointing at it: then the point is found again.
        String tip = "";
        for (int attempt = 0; attempt < 5 && !tip.contains("CART → BROWSING"); attempt++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> point = (Map<String, Object>) browser.executeScript("""
                    const cy = window.shopkeeperVisualizer.cy;
                    const e = cy.getElementById('applied:CART->BROWSING');
                    const s = e.renderedSourceEndpoint(), t = e.renderedTargetEndpoint(), m = e.renderedMidpoint();
                    const c = {x: 2 * m.x - (s.x + t.x) / 2, y: 2 * m.y - (s.y + t.y) / 2};
                    for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
                      const p = {x: (1 - f) ** 2 * s.x + 2 * f * (1 - f) * c.x + f * f * t.x,
                                 y: (1 - f) ** 2 * s.y + 2 * f * (1 - f) * c.y + f * f * t.y};
                      const hit = cy.renderer().findNearestElement((p.x - cy.pan().x) / cy.zoom(), (p.y - cy.pan().y) / cy.zoom(), true, false);
                      if (hit && hit.id() === e.id()) return {x: p.x, y: p.y};
                    }
                    return {x: m.x, y: m.y};""");
            // In the viewport's coordinates (an offset from the element would be from the centre of its
            // visible part), and in one step: a pointer gliding there crosses the other edge on its way.
            @SuppressWarnings("unchecked")
            Map<String, Object> box = (Map<String, Object>) browser.executeScript("""
                    const r = window.shopkeeperVisualizer.cy.container().getBoundingClientRect();
                    return {x: r.x, y: r.y};""");
            new Actions(browser, Duration.ZERO).moveToLocation(
                    (int) Math.round(((Number) box.get("x")).doubleValue() + ((Number) point.get("x")).doubleValue()),
                    (int) Math.round(((Number) box.get("y")).doubleValue() + ((Number) point.get("y")).doubleValue())).perform();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edge-tip")));
            tip = browser.findElement(By.id("edge-tip")).getText();
            if (!tip.contains("CART → BROWSING")) {
                new Actions(browser, Duration.ZERO).moveToLocation(1, 1).perform();
                Eventually.settle(Duration.ofMillis(300));
            }
        }
        assertThat(tip).contains("CART → BROWSING").contains("remove_from_cart").contains("item in cart, it is the last");
    }

    /** Where the visualizer put its edge labels and states, in the graph box's pixels. */
    private Object layout() {
        return browser.executeScript("""
                const cy = window.shopkeeperVisualizer.cy;
                const box = b => ({x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2});
                const rect = cy.container().getBoundingClientRect();
                return {
                  width: rect.width, height: rect.height,
                  font: cy.zoom() * parseFloat(cy.edges().first().style('font-size')),
                  labels: cy.edges().filter(e => e.data('label')).map(e => ({id: e.id(), label: e.data('label'),
                    ...box(e.renderedBoundingBox({includeLabels: true, includeNodes: false, includeEdges: false}))})),
                  nodes: cy.nodes().map(n => ({id: n.id(), ...box(n.renderedBoundingBox({includeLabels: false}))})),
                  middles: cy.edges().map(e => ({id: e.id(), x: e.renderedMidpoint().x, y: e.renderedMidpoint().y}))
                };""");
    }

    private static double box(Map<String, Object> box, String side) {
        return ((Number) box.get(side)).doubleValue();
    }

    private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        return box(a, "x1") < box(b, "x2") && box(b, "x1") < box(a, "x2")
                && box(a, "y1") < box(b, "y2") && box(b, "y1") < box(a, "y2");
    }

    /** Opens an admin page, signing in with {@code token} first when the session has none. */
    private void open(String path, String token, WebDriverWait wait) {
        browser.get(url(path));
        wait.until(d -> d.getCurrentUrl().contains(path) || d.getCurrentUrl().contains("/admin/sign-in"));
        if (browser.getCurrentUrl().contains("/admin/sign-in")) {
            browser.findElement(By.id("token")).sendKeys(token);
            browser.findElement(By.id("sign-in")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/admin/sign-in"));
            browser.get(url(path));
        }
        wait.until(ExpectedConditions.urlContains(path));
    }

    /**
     * The conversations list's rows by conversation id: state and badge text ("" for none). Read in
     * one go, as the list is redrawn whenever the live feed brings something.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> listed() {
        return (Map<String, Map<String, String>>) browser.executeScript("""
                const rows = {};
                document.querySelectorAll('#conversations tbody tr[data-id]').forEach(r => {
                  const badge = r.querySelector('.badge');
                  rows[r.dataset.id] = {state: r.dataset.state, badge: badge ? badge.textContent : ''};
                });
                return rows;""");
    }

    /** The text of the simulator's last bot bubble ("" before the first). */
    private String lastBot() {
        List<WebElement> bubbles = browser.findElements(By.cssSelector(".bubble.bot"));
        return bubbles.isEmpty() ? "" : bubbles.getLast().getText();
    }

    private void say(WebDriverWait wait, String text, int replies) {
        browser.findElement(By.id("input")).sendKeys(text);
        browser.findElement(By.id("send")).click();
        wait.until(d -> d.findElements(By.cssSelector(".bubble.bot")).size() >= replies);
    }

    /** A wait on pages that redraw live: an element read as it is replaced is read again, not an error. */
    private static WebDriverWait live(WebDriverWait wait) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** The count the state table shows, -1 before it has the row; read in one step (the table is redrawn live). */
    private int count(String state) {
        Object text = browser.executeScript(
                "const c = document.querySelector(\"#state-counts tr[data-state='\" + arguments[0] + \"'] td.count\"); return c ? c.textContent : null;",
                state);
        return text == null ? -1 : Integer.parseInt(text.toString().strip());
    }

    private List<String> options() {
        return browser.findElements(By.cssSelector("#conversation option")).stream()
                .map(o -> o.getAttribute("value")).toList();
    }

    /** Read in one go: the page redraws the path as the feed brings steps, which would leave elements found one by one stale. */
    @SuppressWarnings("unchecked")
    private List<String> steps() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#path li .step')].map(s => s.textContent.trim())");
    }

    private JsonNode latestConversation() {
        return api().get("/api/admin/conversations?size=1").json().get("items").get(0);
    }
}
