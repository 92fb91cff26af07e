package com.shopkeeper.cart;

import static com.shopkeeper.db.Tables.CART_ITEMS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.db.tables.records.CartItemsRecord;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Each conversation's cart: at most one line per product. */
@Repository
public class CartRepository {

    private final DSLContext db;
    private final Clock clock;
    /** Every turn reads the cart: rendered once ({@link RenderedOnce}). */
    private final RenderedOnce items;

    CartRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.items = RenderedOnce.of(db, db.selectFrom(CART_ITEMS)
                .where(CART_ITEMS.CONVERSATION_ID.eq(DSL.param("conversation", CART_ITEMS.CONVERSATION_ID)))
                .orderBy(CART_ITEMS.ADDED_AT, CART_ITEMS.ID));
    }

    /** Lines in the order they were first added. */
    public List<CartItem> items(String conversationId) {
        return items.rows(db, CART_ITEMS, DSL.val(conversationId, CART_ITEMS.CONVERSATION_ID)).fetch(CartRepository::toItem);
    }

    /** Adds {@code quantity} of a product, onto its line if the cart has one. */
    public void add(String conversationId, String productId, int quantity) {
        int updated = db.update(CART_ITEMS)
                .set(CART_ITEMS.QUANTITY, CART_ITEMS.QUANTITY.plus(quantity))
                .where(CART_ITEMS.CONVERSATION_ID.eq(conversationId), CART_ITEMS.PRODUCT_ID.eq(productId))
                .execute();
        if (updated == 0) {
            CartItemsRecord r = db.newRecord(CART_ITEMS);
            r.setId(Ids.next());
            r.setConversationId(conversationId);
            r.setProductId(productId);
            r.setQuantity(quantity);
            r.setAddedAt(clock.instant());
            r.insert();
        }
    }

    public boolean setQuantity(String conversationId, String productId, int quantity) {
        return db.update(CART_ITEMS).set(CART_ITEMS.QUANTITY, quantity)
                .where(CART_ITEMS.CONVERSATION_ID.eq(conversationId), CART_ITEMS.PRODUCT_ID.eq(productId))
                .execute() == 1;
    }

    public boolean remove(String conversationId, String productId) {
        return db.deleteFrom(CART_ITEMS)
                .where(CART_ITEMS.CONVERSATION_ID.eq(conversationId), CART_ITEMS.PRODUCT_ID.eq(productId))
                .execute() == 1;
    }

    public int clear(String conversationId) {
        return db.deleteFrom(CART_ITEMS).where(CART_ITEMS.CONVERSATION_ID.eq(conversationId)).execute();
    }

    private static CartItem toItem(CartItemsRecord r) {
        return new CartItem(r.getId(), r.getConversationId(), r.getProductId(), r.getQuantity(), r.getAddedAt());
    }
}
