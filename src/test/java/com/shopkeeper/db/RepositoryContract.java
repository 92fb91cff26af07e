package com.shopkeeper.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductFilter;
import com.shopkeeper.catalog.ProductRepository;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderItem;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.payment.Payment;
import com.shopkeeper.payment.PaymentRepository;
import com.shopkeeper.payment.PaymentStatus;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.web.PageOf;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every repository must do, on whichever engine the URL selects: the same tests run on
 * SQLite and on PostgreSQL (subclasses), after the same migrations.
 */
@SpringBootTest
abstract class RepositoryContract {

    @Autowired ProductRepository products;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired MessageRepository messages;
    @Autowired TransitionLog transitions;
    @Autowired CartRepository carts;
    @Autowired OrderRepository orders;
    @Autowired PaymentRepository payments;
    @Autowired TransactionTemplate tx;

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    ProductDraft draft(String sku, String price, boolean inStock, String... categories) {
        return new ProductDraft(sku, "Product " + sku, "desc", Money.of(price, "USD"), List.of(categories),
                "https://example.com/" + sku + ".jpg", inStock, Map.of("color", "Navy"));
    }

    @Test
    void productsRoundTripWithExactMoneyCategoriesAndAttributes() {
        var p = products.insert(draft(unique("SKU"), "1234.56", true, "Home", "Sofas"));
        var read = products.find(p.id()).orElseThrow();
        assertThat(read.price()).isEqualTo(Money.of("1234.56", "USD"));
        assertThat(read.categories()).containsExactly("Home", "Sofas");
        assertThat(read.attributes()).containsEntry("color", "Navy");
        assertThat(read.createdAt()).isEqualTo(p.createdAt());
        assertThat(products.findBySku(p.sku())).contains(read);
    }

    @Test
    void upsertAllUpdatesBySkuAndListingFilters() {
        String category = unique("Cat");
        String a = unique("A");
        String b = unique("B");
        var first = products.upsertAll(List.of(draft(a, "1.00", true, category), draft(b, "2.00", false, category)));
        assertThat(first.created()).hasSize(2);
        var second = products.upsertAll(List.of(draft(a, "1.50", true, category)));
        assertThat(second.updated()).hasSize(1);
        assertThat(products.findBySku(a).orElseThrow().price()).isEqualTo(Money.of("1.50", "USD"));

        PageOf<?> all = products.list(new ProductFilter(category, null), new PageOf.Request(0, 10));
        assertThat(all.total()).isEqualTo(2);
        PageOf<?> inStock = products.list(new ProductFilter(category, true), new PageOf.Request(0, 10));
        assertThat(inStock.total()).isEqualTo(1);
    }

    @Test
    void deletedProductsDisappearButKeepTheirRow() {
        var p = products.insert(draft(unique("D"), "3.00", true));
        assertThat(products.delete(p.id())).isTrue();
        assertThat(products.find(p.id())).isEmpty();
        assertThat(products.findAll(List.of(p.id()))).isEmpty();
        assertThat(products.delete(p.id())).isFalse();
    }

    @Test
    void namesAreReadForLiveProductsOnly() {
        var kept = products.insert(draft(unique("N"), "4.00", true));
        var gone = products.insert(draft(unique("N"), "5.00", true));
        products.delete(gone.id());
        assertThat(products.names(List.of(kept.id(), gone.id(), "no-such-product")))
                .isEqualTo(java.util.Map.of(kept.id(), kept.name()));
    }

    @Test
    void shoppersAreFoundByAddressAndKeepTheirLatestName() {
        String address = "whatsapp:+1555" + (1000000 + (int) (Math.random() * 8999999));
        Shopper created = shoppers.touch(address, "Ada");
        Shopper again = shoppers.touch(address, "Ada L.");
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(shoppers.findByAddress(address).orElseThrow().name()).isEqualTo("Ada L.");
        shoppers.setOptedOut(created.id(), true);
        assertThat(shoppers.find(created.id()).orElseThrow().optedOut()).isTrue();
    }

    Conversation newConversation() {
        Shopper s = shoppers.touch("web:" + UUID.randomUUID(), null);
        return conversations.create(s.id(), "web");
    }

    @Test
    void conversationSaveIsOptimisticallyLocked() {
        Conversation c = newConversation();
        assertThat(c.state()).isEqualTo(State.BROWSING);
        Conversation saved = conversations.save(c.withState(State.CART).withContext("{\"shown\":[1]}"));
        assertThat(saved.version()).isEqualTo(1);
        assertThatThrownBy(() -> conversations.save(c.withState(State.CHECKOUT)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        Conversation read = conversations.find(c.id()).orElseThrow();
        assertThat(read.state()).isEqualTo(State.CART);
        assertThat(read.context()).isEqualTo("{\"shown\":[1]}");

        Conversation touched = conversations.touchAndGet(c.id()).orElseThrow();
        assertThat(touched.state()).isEqualTo(State.CART);
        assertThat(touched.version()).isEqualTo(1);
        assertThat(touched.updatedAt()).isAfterOrEqualTo(read.updatedAt());
        assertThat(conversations.touchAndGet("no-such-conversation")).isEmpty();
    }

    @Test
    void messagesKeepOrderAndPlatformIdsAreUnique() {
        Conversation c = newConversation();
        String sid = unique("SM");
        messages.append(c.id(), Message.Role.USER, "do you have a blue sofa?", sid);
        messages.append(c.id(), Message.Role.ASSISTANT, "Yes, two of them.", null);
        List<Message> recent = messages.recent(c.id(), 10);
        assertThat(recent).extracting(Message::content).containsExactly("do you have a blue sofa?", "Yes, two of them.");
        assertThat(messages.recent(c.id(), 1)).extracting(Message::content).containsExactly("Yes, two of them.");
        assertThat(messages.findByPlatformMessageId(sid)).map(Message::conversationId).contains(c.id());
        assertThatThrownBy(() -> messages.append(c.id(), Message.Role.USER, "again", sid))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void transitionsAreNumberedInOrder() {
        Conversation c = newConversation();
        transitions.append(c.id(), State.BROWSING, "search_products", State.BROWSING, Transition.Outcome.APPLIED, null, null);
        transitions.append(c.id(), State.BROWSING, "create_order", State.BROWSING, Transition.Outcome.REFUSED, "cart is empty", null);
        List<Transition> log = transitions.forConversation(c.id());
        assertThat(log).extracting(Transition::seq).containsExactly(1, 2);
        assertThat(log.get(1).outcome()).isEqualTo(Transition.Outcome.REFUSED);
        assertThat(log.get(1).reason()).isEqualTo("cart is empty");
    }

    @Test
    void cartAddsOntoTheSameLine() {
        Conversation c = newConversation();
        var p = products.insert(draft(unique("C"), "5.00", true));
        carts.add(c.id(), p.id(), 1);
        carts.add(c.id(), p.id(), 2);
        assertThat(carts.items(c.id())).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(3));
        assertThat(carts.remove(c.id(), p.id())).isTrue();
        assertThat(carts.items(c.id())).isEmpty();
    }

    @Test
    void onlyOnePendingOrderPerConversation() {
        Conversation c = newConversation();
        var p = products.insert(draft(unique("O"), "2.50", true));
        var items = List.of(new OrderItem(p.id(), p.name(), 2, p.price()));
        assertThat(orders.existsForConversation(c.id())).isFalse();
        assertThat(orders.pendingExists(c.id())).isFalse();
        Order first = orders.insert(c.userId(), c.id(), items, Money.of("5.00", "USD"), OrderStatus.PENDING_PAYMENT);
        assertThat(orders.pendingExists(c.id())).isTrue();
        assertThat(orders.find(first.id()).orElseThrow().items()).containsExactlyElementsOf(items);
        assertThatThrownBy(() -> orders.insert(c.userId(), c.id(), items, Money.of("5.00", "USD"), OrderStatus.PENDING_PAYMENT))
                .isInstanceOf(RuntimeException.class);
        assertThat(orders.changeStatus(first.id(), OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)).isTrue();
        assertThat(orders.changeStatus(first.id(), OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)).isFalse();
        assertThat(orders.existsForConversation(c.id())).isTrue();
        assertThat(orders.pendingExists(c.id())).isFalse();
        Order second = orders.insert(c.userId(), c.id(), items, Money.of("5.00", "USD"), OrderStatus.PENDING_PAYMENT);
        assertThat(orders.findPendingForConversation(c.id())).map(Order::id).contains(second.id());
        assertThat(orders.latestForUser(c.userId(), 5)).extracting(Order::id).containsExactly(second.id(), first.id());
    }

    @Test
    void paymentsAreFoundByProviderIdAndEventsApplyOnce() {
        Conversation c = newConversation();
        var p = products.insert(draft(unique("P"), "9.99", true));
        Order order = orders.insert(c.userId(), c.id(), List.of(new OrderItem(p.id(), p.name(), 1, p.price())),
                p.price(), OrderStatus.PENDING_PAYMENT);
        String providerId = unique("cs_test_");
        Payment payment = payments.insert(order.id(), "stripe", providerId, "https://pay.example/" + providerId,
                Instant.now().plusSeconds(3600));
        assertThat(payments.findByProviderId("stripe", providerId)).map(Payment::id).contains(payment.id());
        assertThat(payments.findByProviderId("sandbox", providerId)).isEmpty();
        assertThat(payments.changeStatus(payment.id(), PaymentStatus.PENDING, PaymentStatus.PAID)).isTrue();

        String event = unique("evt_");
        Boolean twice = tx.execute(s -> payments.recordEvent("stripe", event, "checkout.session.completed", order.id())
                && !payments.recordEvent("stripe", event, "checkout.session.completed", order.id()));
        assertThat(twice).isTrue();
    }
}
