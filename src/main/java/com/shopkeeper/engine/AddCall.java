package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.messaging.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** add_to_cart: the product the shopper pointed at, at the catalog's price, within the quantity limit. */
@Component
class AddCall implements CallHandler<FunctionCall.AddToCart> {

    private final CartRepository carts;
    private final ReplyWriter replies;

    AddCall(CartRepository carts, ReplyWriter replies) {
        this.carts = carts;
        this.replies = replies;
    }

    @Override
    public Class<FunctionCall.AddToCart> handles() {
        return FunctionCall.AddToCart.class;
    }

    @Override
    public CallExecutor.Target prepare(FunctionCall.AddToCart a, Situation s, References.Resolution r, Facts.Builder facts) {
        int already = r.product() == null ? 0 : s.cart().quantityOf(r.product().id());
        facts.productExists(r.product() != null)
                .productInStock(r.product() != null && r.product().inStock())
                .quantityAllowed(a.quantity() >= 1 && already + a.quantity() <= FunctionCalls.MAX_QUANTITY);
        return new CallExecutor.Target(r.product(), null);
    }

    @Override
    public CallExecutor.Effect execute(FunctionCall.AddToCart a, Situation s, CallExecutor.Prepared p) {
        carts.add(s.id(), p.product().id(), a.quantity());
        // The cart after the add, from the one read for the guards (a shopper's turns run one at a time).
        Cart after = s.cart().withAdded(p.product(), a.quantity());
        Reply reply = Reply.text(replies.added(p.product(), a.quantity(), after)).withChoices(replies.cartChangedChoices(after));
        return new CallExecutor.Effect(List.of(reply), s.ctx(), p.product().id());
    }
}
