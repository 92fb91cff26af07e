package com.shopkeeper.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cart's own arithmetic: totals from the catalog's prices, adds that grow a line where it stands. */
class CartTest {

    private static Product product(String id, String price, boolean inStock) {
        return new Product(id, "SK-" + id, "Product " + id, "", Money.of(price, "USD"), List.of(), null, inStock, Map.of(),
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void anAddGrowsTheLineWhereItStandsOrGoesLast() {
        Product mug = product("1", "12.50", true);
        Product lamp = product("2", "30.00", true);
        Cart cart = Cart.EMPTY.withAdded(mug, 2).withAdded(lamp, 1).withAdded(mug, 1);
        assertThat(cart.lines()).extracting(l -> l.product().id(), CartLine::quantity).containsExactly(tuple("1", 3), tuple("2", 1));
        assertThat(cart.units()).isEqualTo(4);
        assertThat(cart.total()).isEqualTo(Money.of("67.50", "USD"));
        assertThat(cart.quantityOf("2")).isEqualTo(1);
        assertThat(cart.quantityOf("3")).isZero();
        assertThat(Cart.EMPTY.isEmpty()).isTrue();
        assertThat(Cart.EMPTY.total()).isNull();
    }

    @Test
    void everyLineInStockOrNot() {
        Cart one = Cart.EMPTY.withAdded(product("1", "1.00", true), 1);
        assertThat(one.allInStock()).isTrue();
        assertThat(one.withAdded(product("2", "1.00", false), 1).allInStock()).isFalse();
    }
}
