package com.shopkeeper.order;

import static com.shopkeeper.support.NoticeMatchers.anyNotice;
import static com.shopkeeper.support.NoticeMatchers.saying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.order.OrderCreation.Reason;
import com.shopkeeper.support.ShopTest;
import com.shopkeeper.web.ConflictException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderServiceTest extends ShopTest {

    @Autowired
    TransitionLog transitions;

    @Test
    void totalIsComputedFromCurrentCatalogPricesAndFrozenAfterOrdering() {
        Product sofa = product("Sofa", "10.00");
        Product lamp = product("Lamp", "0.10");
        Conversation c = withCart(sofa, 1, lamp, 3);
        reprice(sofa, "499.90"); // the cart holds no price: the order takes the catalog's price of now

        Order order = order(c);
        assertThat(order.total().amount()).isEqualByComparingTo("500.20");
        assertThat(order.total().currencyCode()).isEqualTo("USD");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.items()).extracting(OrderItem::productName, OrderItem::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Sofa", 1), org.assertj.core.groups.Tuple.tuple("Lamp", 3));

        reprice(sofa, "1.00");
        Order later = reload(order);
        assertThat(later.total().amount()).isEqualByComparingTo("500.20");
        assertThat(later.items().getFirst().unitPrice().amount()).isEqualByComparingTo("499.90");
    }

    @Test
    void zeroDecimalCurrenciesStayWhole() {
        Product tea = product("Matcha", "1500", "JPY", true);
        Order order = order(withCart(tea, 3));
        assertThat(order.total().amount()).isEqualByComparingTo("4500");
        assertThat(order.total().minorUnits()).isEqualTo(4500);
    }

    @Test
    void outOfStockItemIsRefusedWithItsNameAndNothingIsCreated() {
        Product chair = product("Rocking Chair", "80.00");
        Product rug = product("Rug", "20.00");
        Conversation c = withCart(chair, 1, rug, 1);
        outOfStock(chair);

        OrderCreation result = orders.createFromCart(c.id());
        assertThat(result).isInstanceOfSatisfying(OrderCreation.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Reason.OUT_OF_STOCK);
            assertThat(refused.message()).contains("Rocking Chair").contains("out of stock");
            assertThat(refused.productIds()).containsExactly(chair.id());
        });
        assertThat(orders.checkOrderStatus(c.id())).isEmpty();
    }

    @Test
    void deletedProductIsRefused() {
        Product gone = product("Discontinued Vase", "5.00");
        Conversation c = withCart(gone, 2);
        products.delete(gone.id());

        assertThat(orders.createFromCart(c.id())).isInstanceOfSatisfying(OrderCreation.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Reason.PRODUCT_UNAVAILABLE);
            assertThat(refused.productIds()).containsExactly(gone.id());
        });
    }

    @Test
    void emptyCartIsRefused() {
        assertThat(orders.createFromCart(conversation().id())).isInstanceOfSatisfying(OrderCreation.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.EMPTY_CART));
    }

    @Test
    void mixedCurrenciesAreRefused() {
        Conversation c = withCart(product("Euro Mug", "3.00", "EUR", true), 1, product("Dollar Mug", "3.00"), 1);
        assertThat(orders.createFromCart(c.id())).isInstanceOfSatisfying(OrderCreation.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.MIXED_CURRENCIES));
    }

    @Test
    void secondOrderOfTheSameCartSupersedesThePendingOne() {
        Product shelf = product("Shelf", "30.00");
        Conversation c = withCart(shelf, 1);
        Order first = order(c);
        carts.add(c.id(), shelf.id(), 1);

        OrderCreation second = orders.createFromCart(c.id());
        assertThat(second).isInstanceOfSatisfying(OrderCreation.Created.class, created -> {
            assertThat(created.supersededOrderId()).isEqualTo(first.id());
            assertThat(created.order().total().amount()).isEqualByComparingTo("60.00");
        });
        assertThat(reload(first).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.checkOrderStatus(c.id())).extracting(OrderSummary::status)
                .containsExactly(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED);
        verify(messenger, never()).tell(anyString(), anyNotice()); // the shopper asked for it: no notice
    }

    @Test
    void lifecycleRefusesIllegalMoves() {
        Order order = order(withCart(product("Desk", "120.00"), 1));
        assertThatThrownBy(() -> orders.changeStatus(order.id(), OrderStatus.SHIPPED))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PENDING_PAYMENT cannot become SHIPPED");
        assertThatThrownBy(() -> orders.changeStatus(order.id(), OrderStatus.DELIVERED))
                .isInstanceOf(ConflictException.class);

        orders.changeStatus(order.id(), OrderStatus.CANCELLED);
        assertThatThrownBy(() -> orders.changeStatus(order.id(), OrderStatus.PAID))
                .isInstanceOf(ConflictException.class).hasMessageContaining("final");
        assertThat(reload(order).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void lifecycleTableAllowsTheHappyPathAndNothingOutOfTerminalStates() {
        assertThat(OrderStatus.PENDING_PAYMENT.canMoveTo(OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.FULFILLED)).isTrue();
        assertThat(OrderStatus.FULFILLED.canMoveTo(OrderStatus.SHIPPED)).isTrue();
        assertThat(OrderStatus.SHIPPED.canMoveTo(OrderStatus.DELIVERED)).isTrue();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.PENDING_PAYMENT)).isFalse();
        assertThat(OrderStatus.SHIPPED.canMoveTo(OrderStatus.CANCELLED)).isFalse();
        for (OrderStatus terminal : List.of(OrderStatus.DELIVERED, OrderStatus.CANCELLED, OrderStatus.EXPIRED,
                OrderStatus.PAYMENT_FAILED)) {
            assertThat(terminal.next()).as(terminal.name()).isEmpty();
        }
    }

    @Test
    void paidOrderReturnsConversationToBrowsingClearsCartAndTellsShopperOnce() {
        Product bed = product("Bed", "250.00");
        Conversation c = inState(withCart(bed, 1), State.AWAITING_PAYMENT);
        Order order = order(c);

        orders.changeStatus(order.id(), OrderStatus.PAID);

        assertThat(reload(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(stateOf(c)).isEqualTo(State.BROWSING);
        assertThat(carts.items(c.id())).isEmpty();
        assertThat(transitions.forConversation(c.id())).last().satisfies(t -> {
            assertThat(t.from()).isEqualTo(State.AWAITING_PAYMENT);
            assertThat(t.event()).isEqualTo("payment_confirmed");
            assertThat(t.to()).isEqualTo(State.BROWSING);
        });
        verify(messenger).tell(org.mockito.ArgumentMatchers.eq(c.id()),
                saying("$250.00"));
    }

    @Test
    void checkOrderStatusListsTheShoppersLatestOrdersWithStatusAndTotal() {
        Conversation c = withCart(product("Pen", "2.50"), 4);
        Order order = order(c);
        List<OrderSummary> report = orders.checkOrderStatus(c.id());
        assertThat(report).singleElement().satisfies(s -> {
            assertThat(s.orderId()).isEqualTo(order.id());
            assertThat(s.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            assertThat(s.total().amount()).isEqualByComparingTo("10.00");
            assertThat(s.itemCount()).isEqualTo(4);
        });
    }
}
