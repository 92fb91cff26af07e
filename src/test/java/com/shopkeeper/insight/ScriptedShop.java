package com.shopkeeper.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.money.Money;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Four shoppers on WhatsApp, through signed webhooks, the queue and the engine (the model scripted):
 * <ul>
 * <li>Ada buys: search, details, add, order, payment link, pays on the sandbox page;</li>
 * <li>Ben searches in vain, then finds a rug, adds it, looks at his cart and leaves;</li>
 * <li>Cy only searches: in vain twice, twice with results (followed by another search, then by
 *     check_order_status), and tries to order from BROWSING (refused);</li>
 * <li>Di searches, adds a lamp, creates an order and never pays.</li>
 * </ul>
 * [from, to) holds all of it and nothing else.
 */
record ScriptedShop(Instant from, Instant to) {

    static ScriptedShop run(Http http, TwilioStub twilio, ProductService products) {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        product(products, "Desk Lamp " + word, "24.50", "Lighting");
        product(products, "Floor Lamp " + word, "80.00", "Lighting");
        product(products, "Wool Rug " + word, "120.00", "Rugs");
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        WhatsAppShopper ada = new WhatsAppShopper(http, twilio, "Ada");
        assertThat(ada.say("hi")).contains("Ada");
        assertThat(ada.say(search(word + " lamp"))).contains("1. *");
        ada.say("call:get_product_details {\"product\":\"1\"}");
        assertThat(ada.say("call:add_to_cart {\"quantity\":1}")).contains("Added");
        assertThat(ada.say("call:create_order {}")).contains("Total");
        String link = ada.say("call:get_payment_link {}");
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int before = ada.replies().size();
        assertThat(http.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay").status())
                .isEqualTo(200);
        assertThat(ada.awaitAfter(before, "the payment confirmation")).startsWith("Payment received");

        WhatsAppShopper ben = new WhatsAppShopper(http, twilio, "Ben");
        assertThat(ben.say(searchIn("  Velvet Hammock", "Hammocks"))).contains("couldn't find");
        assertThat(ben.say(search(word + " rug"))).contains("Wool Rug");
        assertThat(ben.say("call:add_to_cart {\"product\":\"1\"}")).contains("Added");
        ben.say("call:view_cart {}");

        WhatsAppShopper cy = new WhatsAppShopper(http, twilio, "Cy");
        assertThat(cy.say(searchIn("Purple Unicorn Lamp ", "Unicorns"))).contains("couldn't find");
        assertThat(cy.say(search(word + " lamp"))).contains("1. *");
        cy.say("call:create_order {}");
        assertThat(cy.say(search(word + " rug"))).contains("1. *");
        cy.say("call:check_order_status {}");
        assertThat(cy.say(searchIn("purple unicorn lamp", "Unicorns"))).contains("couldn't find");

        WhatsAppShopper di = new WhatsAppShopper(http, twilio, "Di");
        assertThat(di.say(search(word + " lamp"))).contains("1. *");
        assertThat(di.say("call:add_to_cart {\"product\":\"1\"}")).contains("Added");
        assertThat(di.say("call:create_order {}")).contains("Total");

        // The application's clock ticks in milliseconds: everything above happened before this.
        return new ScriptedShop(from, Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1));
    }

    String query() {
        return "from=" + from + "&to=" + to;
    }

    private static String search(String query) {
        return "call:search_products {\"query\":\"" + query + "\"}";
    }

    private static String searchIn(String query, String category) {
        return "call:search_products {\"query\":\"" + query + "\",\"category\":\"" + category + "\"}";
    }

    private static void product(ProductService products, String name, String price, String category) {
        products.create(new ProductDraft(null, name, "A fine " + name + ".", Money.of(price, "USD"),
                List.of("Home", category), null, true, Map.of("color", "Blue")));
    }
}
