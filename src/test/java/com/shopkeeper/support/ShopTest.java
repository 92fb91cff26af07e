package com.shopkeeper.support;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.messaging.ShopperMessenger;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderCreation;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.shopper.ShopperRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * {@link AppTest} with a shop in it: products, shoppers with conversations and carts, and a
 * spied-on {@link ShopperMessenger}, so a test can see what
 * the shopper was told.
 */
public abstract class ShopTest extends AppTest {

    private static final java.util.concurrent.atomic.AtomicInteger PHONES = new java.util.concurrent.atomic.AtomicInteger();

    /** The real messenger, watched: a test verifies what the shopper was told. */
    @MockitoSpyBean
    protected ShopperMessenger messenger;

    @Autowired
    protected ProductService products;
    @Autowired
    protected ShopperRepository shoppers;
    @Autowired
    protected ConversationRepository conversations;
    @Autowired
    protected CartRepository carts;
    @Autowired
    protected OrderService orders;

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Product product(String name, String price) {
        return product(name, price, "USD", true);
    }

    protected Product product(String name, String price, String currency, boolean inStock) {
        return products.create(new ProductDraft(unique("SKU"), name, "", Money.of(price, currency), List.of("Test"),
                null, inStock, Map.of()));
    }

    protected Product reprice(Product p, String price) {
        return products.update(p.id(), new ProductDraft(p.sku(), p.name(), p.description(),
                Money.of(price, p.price().currencyCode()), p.categories(), p.imageUrl(), p.inStock(), p.attributes()));
    }

    protected Product outOfStock(Product p) {
        return products.update(p.id(), new ProductDraft(p.sku(), p.name(), p.description(), p.price(), p.categories(),
                p.imageUrl(), false, p.attributes()));
    }

    /** A new shopper with a fresh conversation on the simulator platform. */
    protected Conversation conversation() {
        var shopper = shoppers.touch("whatsapp:+1555" + String.format("%07d", PHONES.incrementAndGet()), "Test Shopper");
        return conversations.create(shopper.id(), "whatsapp");
    }

    protected Conversation inState(Conversation c, State state) {
        Conversation current = conversations.find(c.id()).orElseThrow();
        return conversations.save(current.withState(state));
    }

    protected State stateOf(Conversation c) {
        return conversations.find(c.id()).orElseThrow().state();
    }

    /** A conversation whose cart holds the given products (product, quantity, product, quantity...). */
    protected Conversation withCart(Object... productsAndQuantities) {
        Conversation c = conversation();
        for (int i = 0; i < productsAndQuantities.length; i += 2) {
            carts.add(c.id(), ((Product) productsAndQuantities[i]).id(), (Integer) productsAndQuantities[i + 1]);
        }
        return c;
    }

    protected Order order(Conversation c) {
        OrderCreation result = orders.createFromCart(c.id());
        if (result instanceof OrderCreation.Created created) {
            return created.order();
        }
        throw new AssertionError("expected an order, got " + result);
    }

    protected Order reload(Order o) {
        return orders.get(o.id());
    }
}
