package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartItem;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.order.OrderRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Runs one function call through the handler for it ({@link CallHandler}, one per function), in two
 * halves. {@link #prepare} only reads: which product the call means ({@link References}, once per
 * call) and the {@link Facts} the machine's guards need. {@link #execute} runs only after the machine
 * allowed the call, inside the turn's transaction, and produces the reply; when the world changed in
 * between (a race), it refuses by throwing {@link LateRefusal}, which rolls the transaction back.
 */
@Component
class CallExecutor {

    private final Map<Class<?>, CallHandler<?>> handlers = new HashMap<>();
    private final References references;
    private final Carts carts;
    private final CartRepository items;
    private final OrderRepository orders;

    CallExecutor(List<CallHandler<?>> handlers, References references, Carts carts, CartRepository items, OrderRepository orders) {
        for (CallHandler<?> h : handlers) {
            if (this.handlers.put(h.handles(), h) != null) {
                throw new IllegalStateException("two handlers for " + h.handles().getSimpleName());
            }
        }
        for (Class<?> function : FunctionCall.class.getPermittedSubclasses()) {
            if (!this.handlers.containsKey(function)) {
                throw new IllegalStateException("no handler for " + function.getSimpleName());
            }
        }
        this.references = references;
        this.items = items;
        this.carts = carts;
        this.orders = orders;
    }

    /**
     * What a call refers to: a product, a cart line, both or neither; {@code products}: the products
     * a call names by sku (a catalog order's lines), as the catalog has them.
     */
    record Target(Product product, CartItem line, List<Product> products) {
        static final Target NONE = new Target(null, null);

        Target {
            products = products == null ? List.of() : List.copyOf(products);
        }

        Target(Product product, CartItem line) {
            this(product, line, List.of());
        }
    }

    /**
     * A call made ready: the facts, and what it refers to (product, cart line, the products it names
     * by sku). {@code choices}: the shown products that fit the call's name equally well (two or
     * more), else empty.
     */
    record Prepared(FunctionCall call, Facts facts, Product product, CartItem cartLine, Cart cart, List<Product> choices,
                    List<Product> products) {
        boolean cartEmpty() {
            return cart.isEmpty();
        }
    }

    /**
     * What an executed call leaves behind: the replies and the engine's updated memory. {@code flag}:
     * what a person at the shop should look at, on the transition (null: nothing).
     */
    /** {@code pendingAdd}: the count of an add that waits, after this call, for the shopper to say which product. */
    record Effect(List<Reply> replies, EngineContext context, String activeProductId, String flag, Integer pendingAdd) {
        Effect(List<Reply> replies, EngineContext context, String activeProductId) {
            this(replies, context, activeProductId, null, null);
        }

        Effect(List<Reply> replies, EngineContext context, String activeProductId, String flag) {
            this(replies, context, activeProductId, flag, null);
        }

        Effect waitingToAdd(Integer quantity) {
            return new Effect(replies, context, activeProductId, flag, quantity);
        }

        /** The step weighed {@code productIds} against each other: none of them is in focus, and "add one" asks which. */
        Effect comparing(List<String> productIds) {
            return productIds.isEmpty() ? this
                    : new Effect(replies, context.withCompared(productIds).withSeen(productIds.getLast()), null, flag, pendingAdd);
        }
    }

    /** The transition reason of an unanswered shop question: the conversation needs a person. */
    static final String NEEDS_A_PERSON = "needs a person: ";

    /** The machine allowed the call, but the services refused it when it ran. */
    static final class LateRefusal extends RuntimeException {
        final Refusal reason;

        LateRefusal(Refusal reason) {
            super(reason.code(), null, false, false);
            this.reason = reason;
        }
    }

    /** The call as it will run, read against what the shopper was shown ({@link References#read}). */
    References.Reading read(FunctionCall proposed, EngineContext ctx, Conversation c, String said) {
        // read at most once, and only when a count names a product
        AtomicReference<List<CartItem>> lines = new AtomicReference<>();
        return references.read(proposed, ctx, c.activeProductId(), said, () -> lines.updateAndGet(l -> l != null ? l : items.items(c.id())));
    }

    /** {@code knownCart}: the cart as the caller just read it, or null to read it here. */
    Prepared prepare(Conversation c, References.Reading reading, EngineContext ctx, Cart knownCart) {
        Cart cart = knownCart != null ? knownCart : cart(c.id());
        Situation s = new Situation(c, ctx, cart);
        Facts.Builder facts = Facts.builder()
                .cartNotEmpty(!cart.isEmpty())
                .cartAllInStock(cart.allInStock())
                .orderPending(orders.pendingExists(c.id()));
        Target target = prepareWith(handler(reading.call()), reading.call(), s, reading.resolution(), facts);
        List<Product> choices = target.product() != null ? List.of() : reading.resolution().choices();
        return new Prepared(reading.call(), facts.build(), target.product(), target.line(), cart, choices, target.products());
    }

    Effect execute(Conversation c, Prepared p, EngineContext ctx) {
        return executeWith(handler(p.call()), p.call(), new Situation(c, ctx, p.cart()), p);
    }

    /** Whether the call reaches a service outside (the payment provider), so must not run inside a database transaction. */
    static boolean reachesOut(FunctionCall call) {
        return call instanceof FunctionCall.GetPaymentLink;
    }

    Cart cart(String conversationId) {
        return carts.of(conversationId);
    }

    private CallHandler<?> handler(FunctionCall call) {
        CallHandler<?> h = handlers.get(call.getClass());
        if (h == null) {
            throw new IllegalStateException("no handler for " + call.getClass().getSimpleName());
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private static <C extends FunctionCall> Target prepareWith(CallHandler<C> h, FunctionCall call, Situation s,
                                                               References.Resolution r, Facts.Builder facts) {
        return h.prepare((C) call, s, r, facts);
    }

    @SuppressWarnings("unchecked")
    private static <C extends FunctionCall> Effect executeWith(CallHandler<C> h, FunctionCall call, Situation s, Prepared p) {
        return h.execute((C) call, s, p);
    }
}
