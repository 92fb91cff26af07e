package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartItem;
import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.messaging.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** The calls that read or change the cart's lines: view, remove, set a quantity, clear. */
final class CartCalls {

    private CartCalls() {
    }

    /** The line a remove or a set-quantity means: by number in the cart, by name, or the one under discussion. */
    private static CallExecutor.Target line(String ref, Situation s, CartRepository carts, ProductResolver resolver, Facts.Builder facts) {
        List<CartItem> items = carts.items(s.id());
        CartItem line = resolver.resolveInCart(ref, items, s.activeProductId())
                // "3rd one down to 1" with two lines in the cart: the third product of the list shown, when it is a line
                .or(() -> resolver.placeOnList(ref, s.ctx().shown(), items.size())
                        .flatMap(id -> ProductResolver.lineOf(items, id)))
                .orElse(null);
        facts.itemInCart(line != null);
        return new CallExecutor.Target(line == null ? null : s.cart().line(line.productId()).map(CartLine::product).orElse(null), line);
    }

    @Component
    static class View implements CallHandler<FunctionCall.ViewCart> {
        private final ReplyWriter replies;

        View(ReplyWriter replies) {
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.ViewCart> handles() {
            return FunctionCall.ViewCart.class;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.ViewCart v, Situation s, CallExecutor.Prepared p) {
            Reply reply = Reply.text(replies.cart(s.cart())).withChoices(replies.cartChoices(s.cart()));
            return new CallExecutor.Effect(List.of(reply), s.ctx(), s.activeProductId());
        }
    }

    @Component
    static class Remove implements CallHandler<FunctionCall.RemoveFromCart> {
        private final CartRepository carts;
        private final Carts priced;
        private final ProductResolver resolver;
        private final ReplyWriter replies;

        Remove(CartRepository carts, Carts priced, ProductResolver resolver, ReplyWriter replies) {
            this.carts = carts;
            this.priced = priced;
            this.resolver = resolver;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.RemoveFromCart> handles() {
            return FunctionCall.RemoveFromCart.class;
        }

        @Override
        public CallExecutor.Target prepare(FunctionCall.RemoveFromCart r, Situation s, References.Resolution read, Facts.Builder facts) {
            if (read.product() == null && !read.choices().isEmpty()) {
                return CallExecutor.Target.NONE; // which line is asked (References): none is taken out on a guess
            }
            CallExecutor.Target target = line(r.productRef(), s, carts, resolver, facts);
            boolean wholeLine = target.line() != null && (r.quantity() == null || r.quantity() >= target.line().quantity());
            facts.removesLastItem(wholeLine && s.cart().size() == 1);
            return target;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.RemoveFromCart r, Situation s, CallExecutor.Prepared p) {
            CartItem line = p.cartLine();
            int left = r.quantity() == null ? 0 : Math.max(0, line.quantity() - r.quantity());
            if (left == 0) {
                carts.remove(s.id(), line.productId());
            } else {
                carts.setQuantity(s.id(), line.productId(), left);
            }
            Cart after = priced.of(s.id());
            Reply reply = Reply.text(replies.removed(p.product(), left, after)).withChoices(replies.cartChangedChoices(after));
            return new CallExecutor.Effect(List.of(reply), s.ctx(), s.activeProductId());
        }
    }

    @Component
    static class SetQuantity implements CallHandler<FunctionCall.SetQuantity> {
        private final CartRepository carts;
        private final Carts priced;
        private final ProductResolver resolver;
        private final ReplyWriter replies;

        SetQuantity(CartRepository carts, Carts priced, ProductResolver resolver, ReplyWriter replies) {
            this.carts = carts;
            this.priced = priced;
            this.resolver = resolver;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.SetQuantity> handles() {
            return FunctionCall.SetQuantity.class;
        }

        @Override
        public CallExecutor.Target prepare(FunctionCall.SetQuantity q, Situation s, References.Resolution ignored, Facts.Builder facts) {
            facts.quantityAllowed(q.quantity() >= 1 && q.quantity() <= FunctionCalls.MAX_QUANTITY);
            return line(q.productRef(), s, carts, resolver, facts);
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.SetQuantity q, Situation s, CallExecutor.Prepared p) {
            carts.setQuantity(s.id(), p.cartLine().productId(), q.quantity());
            Cart after = priced.of(s.id());
            Reply reply = Reply.text(replies.quantitySet(p.product(), q.quantity(), after)).withChoices(replies.cartChangedChoices(after));
            return new CallExecutor.Effect(List.of(reply), s.ctx(), s.activeProductId());
        }
    }

    @Component
    static class Clear implements CallHandler<FunctionCall.ClearCart> {
        private final CartRepository carts;
        private final ReplyWriter replies;

        Clear(CartRepository carts, ReplyWriter replies) {
            this.carts = carts;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.ClearCart> handles() {
            return FunctionCall.ClearCart.class;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.ClearCart x, Situation s, CallExecutor.Prepared p) {
            carts.clear(s.id());
            return new CallExecutor.Effect(List.of(Reply.text(replies.cleared())), s.ctx(), null);
        }
    }
}
