package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.messaging.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * add_lines: a cart the shopper sent from the shop's WhatsApp catalog joins their cart, each line
 * by sku at the catalog's price (whatever the order message quoted was never kept), within the
 * quantity limit per product. Lines that cannot go in (a sku we do not sell, a product out of
 * stock, one already at the limit) are named in the reply; the guard lets the call run only when
 * at least one can.
 */
@Component
class LinesCall implements CallHandler<FunctionCall.AddLines> {

    private final ProductService products;
    private final CartRepository carts;
    private final ReplyWriter replies;

    LinesCall(ProductService products, CartRepository carts, ReplyWriter replies) {
        this.products = products;
        this.carts = carts;
        this.replies = replies;
    }

    @Override
    public Class<FunctionCall.AddLines> handles() {
        return FunctionCall.AddLines.class;
    }

    /** A line that goes in: the product and how many; {@code capped}: fewer than ordered, for the limit. */
    record Added(Product product, int quantity, boolean capped) {
    }

    /** Why a line cannot go in. */
    enum Missed {
        UNKNOWN, OUT_OF_STOCK, AT_LIMIT
    }

    /** A line that cannot go in: its sku, its product when we sell one by that sku, and why. */
    record NotAdded(String sku, Product product, Missed why) {
    }

    /** An order's lines, sorted against the catalog and the cart as they are. */
    record Sorting(List<Added> added, List<NotAdded> notAdded) {

        static Sorting of(FunctionCall.AddLines call, List<Product> known, Cart cart) {
            Map<String, Product> bySku = known.stream().filter(p -> p.sku() != null)
                    .collect(Collectors.toMap(Product::sku, Function.identity(), (a, b) -> a));
            List<Added> added = new ArrayList<>();
            List<NotAdded> notAdded = new ArrayList<>();
            for (FunctionCall.AddLines.Line line : call.lines()) {
                if (line.quantity() < 1) {
                    continue; // not a line: nothing was ordered
                }
                Product p = bySku.get(line.sku());
                if (p == null) {
                    notAdded.add(new NotAdded(line.sku(), null, Missed.UNKNOWN));
                    continue;
                }
                if (!p.inStock()) {
                    notAdded.add(new NotAdded(line.sku(), p, Missed.OUT_OF_STOCK));
                    continue;
                }
                int room = FunctionCalls.MAX_QUANTITY - cart.quantityOf(p.id());
                if (room <= 0) {
                    notAdded.add(new NotAdded(line.sku(), p, Missed.AT_LIMIT));
                    continue;
                }
                added.add(new Added(p, Math.min(line.quantity(), room), line.quantity() > room));
            }
            return new Sorting(List.copyOf(added), List.copyOf(notAdded));
        }
    }

    @Override
    public CallExecutor.Target prepare(FunctionCall.AddLines call, Situation s, References.Resolution r, Facts.Builder facts) {
        List<Product> known = call.lines().stream().map(FunctionCall.AddLines.Line::sku).distinct()
                .map(products::findBySku).flatMap(java.util.Optional::stream).toList();
        facts.lineAddable(!Sorting.of(call, known, s.cart()).added().isEmpty());
        return new CallExecutor.Target(null, null, known);
    }

    @Override
    public CallExecutor.Effect execute(FunctionCall.AddLines call, Situation s, CallExecutor.Prepared p) {
        Sorting sorting = Sorting.of(call, p.products(), s.cart());
        if (sorting.added().isEmpty()) {
            throw new CallExecutor.LateRefusal(Refusal.NOTHING_TO_ADD);
        }
        // The cart after the adds, from the one read for the guards (a shopper's turns run one at a time).
        Cart after = s.cart();
        for (Added a : sorting.added()) {
            carts.add(s.id(), a.product().id(), a.quantity());
            after = after.withAdded(a.product(), a.quantity());
        }
        Reply reply = Reply.text(replies.linesAdded(sorting, after)).withChoices(replies.cartChoices(after));
        return new CallExecutor.Effect(List.of(reply), s.ctx(), s.activeProductId());
    }
}
