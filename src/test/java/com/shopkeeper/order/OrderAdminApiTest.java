package com.shopkeeper.order;

import static com.shopkeeper.support.NoticeMatchers.anyNotice;
import static com.shopkeeper.support.NoticeMatchers.saying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.payment.PaymentService;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.Http.Response;
import com.shopkeeper.support.ShopTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OrderAdminApiTest extends ShopTest {

    @Autowired
    PaymentService payments;

    private Http viewer() {
        String token = admin().postJson("/api/admin/tokens", Map.of("name", unique("viewer"), "role", "VIEWER"))
                .json().get("token").asString();
        return http().withToken(token);
    }

    private static List<String> ids(Response r) {
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }

    @Test
    void oneOrderHasItsItemsTotalAndPaymentInSnakeCase() {
        Order order = order(withCart(product("Armchair", "199.99"), 2));
        payments.paymentLink(order.id());

        Response r = viewer().get("/api/admin/orders/" + order.id());
        assertThat(r.status()).isEqualTo(200);
        JsonNode o = r.json();
        assertThat(o.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(o.get("total_amount").asString()).isEqualTo("399.98");
        assertThat(o.get("currency").asString()).isEqualTo("USD");
        JsonNode item = o.get("items").get(0);
        assertThat(item.get("product_name").asString()).isEqualTo("Armchair");
        assertThat(item.get("unit_price").asString()).isEqualTo("199.99");
        assertThat(item.get("quantity").asInt()).isEqualTo(2);
        assertThat(item.get("line_total").asString()).isEqualTo("399.98");
        assertThat(o.get("payment_info").get("provider").asString()).isEqualTo("sandbox");
        assertThat(o.get("payment_info").get("status").asString()).isEqualTo("PENDING");
        assertThat(o.get("next_statuses").toString()).contains("PAID", "CANCELLED");
        assertThat(o.toString()).doesNotContain("/pay/"); // the pay link is a capability: not echoed
    }

    /**
     * A VIEWER only reads: nothing in the order view may pay the order. The sandbox's pay token (its
     * provider id) is a bearer capability, so the view names the attempt by a harmless reference.
     */
    @Test
    void nothingAViewerReadsInTheOrderViewPaysTheOrder() {
        Order order = order(withCart(product("Lamp", "30.00"), 1));
        var link = (com.shopkeeper.payment.PaymentLinkResult.Link) payments.paymentLink(order.id());
        String token = link.url().substring(link.url().lastIndexOf('/') + 1);

        Response r = viewer().get("/api/admin/orders/" + order.id());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(token);
        JsonNode info = r.json().get("payment_info");
        assertThat(info.get("reference").asString()).isNotBlank();
        // Whatever the view shows, taken to the pay page, pays nothing.
        List<String> values = new ArrayList<>();
        info.properties().forEach(e -> values.add(e.getValue().asString("")));
        for (String value : values) {
            http().post("/pay/" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded", "action=pay");
        }
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        // The link itself still pays (the shopper's capability is intact).
        assertThat(http().post("/pay/" + token, "application/x-www-form-urlencoded", "action=pay").status()).isEqualTo(200);
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void listIsPagedAndFiltersByStatusAndDate() {
        Conversation c1 = withCart(product("Stool", "12.00"), 1);
        Order pending = order(c1);
        Order shipped = order(withCart(product("Bench", "60.00"), 1));
        orders.changeStatus(shipped.id(), OrderStatus.PAID);
        orders.changeStatus(shipped.id(), OrderStatus.FULFILLED);

        Response byStatus = viewer().get("/api/admin/orders?status=FULFILLED&size=1000");
        assertThat(byStatus.status()).isEqualTo(200);
        assertThat(ids(byStatus)).contains(shipped.id()).doesNotContain(pending.id());
        byStatus.json().get("items").forEach(n -> {
            assertThat(n.get("status").asString()).isEqualTo("FULFILLED");
            assertThat(n.has("payment_info")).as("payment_info is for the single order only").isFalse();
        });

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(ids(admin().get("/api/admin/orders?from=" + today + "&to=" + today + "&size=1000")))
                .contains(pending.id(), shipped.id());
        assertThat(ids(admin().get("/api/admin/orders?from=" + tomorrow + "&size=1000")))
                .doesNotContain(pending.id(), shipped.id());

        Response page = admin().get("/api/admin/orders?page=0&size=1");
        assertThat(page.json().get("items").size()).isEqualTo(1);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.json().get("size").asInt()).isEqualTo(1);

        for (String bad : List.of("status=SOLD", "from=yesterday", "size=0", "size=1001", "page=-1",
                "from=" + tomorrow + "&to=" + today)) {
            Response r = admin().get("/api/admin/orders?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void patchMovesAlongTheLifecycleAndTellsTheShopper() {
        Conversation c = withCart(product("Wardrobe", "350.00"), 1);
        Order order = order(c);
        orders.changeStatus(order.id(), OrderStatus.PAID);
        orders.changeStatus(order.id(), OrderStatus.FULFILLED);

        Response r = admin().patchJson("/api/admin/orders/" + order.id(), Map.of("status", "SHIPPED"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("SHIPPED");
        verify(messenger).tell(eq(c.id()), saying("has shipped"));
        assertThat(reload(order).status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void patchRefusesIllegalMovesBadStatusesAndViewers() {
        Conversation c = withCart(product("Mirror", "45.00"), 1);
        Order order = order(c);
        String path = "/api/admin/orders/" + order.id();

        Response illegal = admin().patchJson(path, Map.of("status", "DELIVERED"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.json().get("detail").asString()).contains("PENDING_PAYMENT cannot become DELIVERED");

        assertThat(admin().patchJson(path, Map.of("status", "LOST")).status()).isEqualTo(400);
        assertThat(admin().patchJson(path, Map.of()).status()).isEqualTo(400);
        assertThat(admin().patchJson(path, "{not json").status()).isEqualTo(400);
        assertThat(viewer().patchJson(path, Map.of("status", "CANCELLED")).status()).isEqualTo(403);
        assertThat(http().patchJson(path, Map.of("status", "CANCELLED")).status()).isEqualTo(401);
        assertThat(http().get(path).status()).isEqualTo(401);
        assertThat(admin().patchJson("/api/admin/orders/no-such-order", Map.of("status", "CANCELLED")).status())
                .isEqualTo(404);
        assertThat(admin().get("/api/admin/orders/no-such-order").status()).isEqualTo(404);

        assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        verify(messenger, never()).tell(anyString(), anyNotice());
    }
}
