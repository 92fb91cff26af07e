package com.shopkeeper.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderCreation;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestRedis;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The polling fallback takes a batch at a time; with more pending payments than a batch it must
 * still come round to each of them (a newer payment whose webhook was lost is asked about too),
 * not ask about the same oldest batch forever.
 */
class PaymentPollerCoverageTest {

    @Test
    void morePendingPaymentsThanABatchAreAllAskedAboutInTurn() throws Exception {
        String redis = TestRedis.url(14);
        TestRedis.flush(redis);
        try (var app = TestApps.start(Files.createTempDirectory("sk-poller"), redis, Map.of(
                "shopkeeper.payment.poll-batch", "3", "shopkeeper.payment.poll-interval", "PT1H"), ctx -> { })) {
            Clock clock = app.getBean(Clock.class);
            PaymentRepository payments = app.getBean(PaymentRepository.class);
            PaymentPoller poller = app.getBean(PaymentPoller.class);
            OrderService orders = app.getBean(OrderService.class);

            // Three older payments whose shoppers have not paid yet (their links still good)...
            List<Order> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Order order = order(app, i);
                payments.insert(order.id(), "sandbox", "waiting-token-" + i + "-".repeat(30), "http://x/pay/w" + i,
                        clock.instant().plus(Duration.ofMinutes(30)));
                waiting.add(order);
                Thread.sleep(5); // distinct creation times: the oldest first
            }
            // ...and a newer one whose link ran out: the poller is what expires its order.
            Order lapsed = order(app, 3);
            payments.insert(lapsed.id(), "sandbox", "lapsed-token-" + "-".repeat(30), "http://x/pay/l",
                    clock.instant().minus(Duration.ofMinutes(1)));

            var cutoff = clock.instant().plusSeconds(1);
            assertThat(poller.checkPendingCreatedBefore(cutoff)).as("the first poll: the three oldest").isZero();
            assertThat(orders.get(lapsed.id()).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

            assertThat(poller.checkPendingCreatedBefore(cutoff)).as("the second poll comes round to the newer one")
                    .isEqualTo(1);
            assertThat(orders.get(lapsed.id()).status()).isEqualTo(OrderStatus.EXPIRED);
            waiting.forEach(o -> assertThat(orders.get(o.id()).status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
        }
    }

    private static Order order(ConfigurableApplicationContext app, int n) {
        Product product = app.getBean(ProductService.class).create(new ProductDraft("POLL-" + n, "Lamp " + n, "",
                Money.of("10.00", "USD"), List.of("Test"), null, true, Map.of()));
        var shopper = app.getBean(ShopperRepository.class).touch("whatsapp:+1555000010" + n, "Poll " + n);
        var conversation = app.getBean(ConversationRepository.class).create(shopper.id(), "twilio");
        app.getBean(CartRepository.class).add(conversation.id(), product.id(), 1);
        return ((OrderCreation.Created) app.getBean(OrderService.class).createFromCart(conversation.id())).order();
    }
}
