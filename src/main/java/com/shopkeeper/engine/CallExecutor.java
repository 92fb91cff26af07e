package com.shopkeeper.engine;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.catalog.search.ProductSearch;
import com.shopkeeper.catalog.search.SearchMode;
import com.shopkeeper.shop.ShopSettings;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.insight.SearchLog;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.order.OrderCreation;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.payment.PaymentLinkResult;
import com.shopkeeper.payment.PaymentService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The two halves of running one function call. {@link #prepare} only reads: it resolves what the
 * shopper referred to and gathers the {@link Facts} the machine's guards need. {@link #execute}
 * runs only after the machine allowed the call, inside the turn's transaction, and produces the
 * reply; when the world changed in between (a race), it refuses by throwing {@link LateRefusal},
 * which rolls the transaction back.
 */
@Component
class CallExecutor {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    private final ProductService products;
    private final ProductSearch search;
    private final CartRepository carts;
    private final Carts pricedCarts;
    private final OrderService orders;
    private final OrderRepository orderRepository;
    private final PaymentService payments;
    private final ProductResolver resolver;
    private final ReplyWriter replies;
    private final SearchLog searchLog;
    private final EngineProperties props;
    private final ShopSettings shop;

    CallExecutor(ProductService products, ProductSearch search, CartRepository carts, Carts pricedCarts, OrderService orders,
                 OrderRepository orderRepository,
                 PaymentService payments, ProductResolver resolver, ReplyWriter replies, SearchLog searchLog,
                 EngineProperties props, ShopSettings shop) {
        this.products = products;
        this.search = search;
        this.carts = carts;
        this.pricedCarts = pricedCarts;
        this.orders = orders;
        this.orderRepository = orderRepository;
        this.payments = payments;
        this.resolver = resolver;
        this.replies = replies;
        this.searchLog = searchLog;
        this.props = props;
        this.shop = shop;
    }

    /** A call made ready: the facts, and what it refers to (product, cart line). */
    /** {@code choices}: the shown products that fit the call's name equally well (two or more), else empty. */
    record Prepared(FunctionCall call, Facts facts, Product product, CartItem cartLine, Cart cart,
                    List<Product> choices) {
        boolean cartEmpty() {
            return cart.isEmpty();
        }
    }

    /** What an executed call leaves behind: the replies and the engine's updated memory. */
    /** {@code flag}: what a person at the shop should look at, on the transition (null: nothing). */
    record Effect(List<Reply> replies, EngineContext context, String activeProductId, String flag) {
        Effect(List<Reply> replies, EngineContext context, String activeProductId) {
            this(replies, context, activeProductId, null);
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

    /** {@code knownCart}: the cart as the caller just read it, or null to read it here. */
    Prepared prepare(Conversation c, FunctionCall call, EngineContext ctx, Cart knownCart) {
        Cart cart = knownCart != null ? knownCart : cart(c.id());
        Facts.Builder facts = Facts.builder()
                .cartNotEmpty(!cart.isEmpty())
                .cartAllInStock(cart.allInStock())
                .orderPending(orderRepository.pendingExists(c.id()));
        Product product = null;
        CartItem line = null;
        switch (call) {
            case FunctionCall.GetProductDetails d -> {
                product = resolveOrSearch(d.productRef(), ctx, c.activeProductId()).orElse(null);
                facts.productExists(product != null);
            }
            case FunctionCall.AddToCart a -> {
                product = resolveOrSearch(a.productRef(), ctx, c.activeProductId()).orElse(null);
                int already = product == null ? 0 : cart.quantityOf(product.id());
                facts.productExists(product != null)
                        .productInStock(product != null && product.inStock())
                        .quantityAllowed(a.quantity() >= 1 && already + a.quantity() <= FunctionCalls.MAX_QUANTITY);
            }
            case FunctionCall.RemoveFromCart r -> {
                List<CartItem> items = carts.items(c.id());
                line = resolver.resolveInCart(r.productRef(), items, c.activeProductId()).orElse(null);
                product = productOf(line, cart);
                boolean wholeLine = line != null && (r.quantity() == null || r.quantity() >= line.quantity());
                facts.itemInCart(line != null).removesLastItem(wholeLine && items.size() == 1);
            }
            case FunctionCall.SetQuantity q -> {
                List<CartItem> items = carts.items(c.id());
                line = resolver.resolveInCart(q.productRef(), items, c.activeProductId()).orElse(null);
                product = productOf(line, cart);
                facts.itemInCart(line != null).quantityAllowed(q.quantity() >= 1 && q.quantity() <= FunctionCalls.MAX_QUANTITY);
            }
            default -> {
            }
        }
        List<Product> choices = product != null ? List.of() : switch (call) {
            case FunctionCall.GetProductDetails d -> resolver.tied(d.productRef(), ctx.shown(), c.activeProductId());
            case FunctionCall.AddToCart a -> resolver.tied(a.productRef(), ctx.shown(), c.activeProductId());
            default -> List.of();
        };
        return new Prepared(call, facts.build(), product, line, cart, choices);
    }

    /**
     * An add whose product the shopper was never shown (a name that matches nothing listed, in focus
     * or by sku, found only by searching the whole catalog), or one picked only by an attribute the
     * list did not show ("the purple one" when no shown name says purple), is a guess: the shopper is shown that
     * product instead, with its "reply add" prompt, and nothing enters the cart until they say so
     * (issue 14: an ordinary word once put the wrong product in a cart).
     */
    FunctionCall unlessGuessing(FunctionCall call, EngineContext ctx, String activeProductId, String said) {
        if (call instanceof FunctionCall.SearchProducts s && pointsAtShown(s, ctx, activeProductId, said)) {
            return new FunctionCall.GetProductDetails(s.query());
        }
        if (call instanceof FunctionCall.AddToCart a && a.productRef() != null && !a.productRef().isBlank()
                && (resolver.resolve(a.productRef(), ctx.shown(), activeProductId).isEmpty()
                && resolver.tied(a.productRef(), ctx.shown(), activeProductId).isEmpty()
                || resolver.onlyByAttributes(a.productRef(), ctx.shown(), activeProductId))) {
            return new FunctionCall.GetProductDetails(a.productRef());
        }
        return call;
    }

    // "the green one", "those solar ones", "is it waterproof": the message points at something.
    private static final java.util.regex.Pattern POINTING = java.util.regex.Pattern.compile(
            "\\b(?:the|that|this|those|these)\\s+(?:[\\p{L}\\p{N}'&-]+\\s+){0,4}?ones?\\b|\\b(?:it|that one|this one)\\b");
    private static final java.util.regex.Pattern WANTS_OTHERS = java.util.regex.Pattern.compile(
            "\\b(?:other|others|another|else|more|different|similar|any|like|cheaper|pricier|alternatives?|options?)\\b");

    /**
     * A "search" that only picks among what is on screen ("the gren one", "tell me about the Astor
     * ones", "teh white one hw much"): the shopper points at a shown product (or a few, then asked
     * which), not at the catalog. Words that fit no shown product, and typos of words that do, are
     * read as {@link ProductResolver} reads them; a wish for others or a price limit keeps the search.
     */
    private boolean pointsAtShown(FunctionCall.SearchProducts s, EngineContext ctx, String activeProductId, String said) {
        if (said == null || ctx.shown().isEmpty() || s.minPrice() != null || s.maxPrice() != null || s.category() != null) {
            return false;
        }
        String t = said.toLowerCase(java.util.Locale.ROOT);
        if (!POINTING.matcher(t).find() || WANTS_OTHERS.matcher(t).find()) {
            return false;
        }
        return resolver.resolve(s.query(), ctx.shown(), activeProductId).isPresent()
                || !resolver.tied(s.query(), ctx.shown(), activeProductId).isEmpty();
    }

    private Optional<Product> resolveOrSearch(String ref, EngineContext ctx, String activeProductId) {
        Optional<Product> found = resolver.resolve(ref, ctx.shown(), activeProductId);
        if (found.isEmpty() && !resolver.tied(ref, ctx.shown(), activeProductId).isEmpty()) {
            return Optional.empty(); // two shown products fit: the shopper is asked which, the catalog is not searched
        }
        if (found.isEmpty() && ref != null && ref.strip().length() > 2 && !DIGITS.matcher(ref.strip()).matches()) {
            // Named a product we have not shown: take the search's best match, if its name says what
            // the shopper said ("the Voltix plug"); a best match on other words ("the puppy's small")
            // is a guess, and the shopper is asked instead.
            List<Product> hits = search.searchProducts(ref, null, null, 1);
            return hits.stream().findFirst().filter(p -> resolver.nameSays(p, ref));
        }
        return found;
    }

    /** Whether the call reaches a service outside (the payment provider), so must not run inside a database transaction. */
    static boolean reachesOut(FunctionCall call) {
        return call instanceof FunctionCall.GetPaymentLink;
    }

    Effect execute(Conversation c, Prepared p, EngineContext ctx) {
        return switch (p.call()) {
            case FunctionCall.SearchProducts s -> {
                Refinement.Search r = Refinement.of(s, ctx, () -> products.findAll(ctx.shown()));
                int limit = r.limit() == null ? props.resultsShown() : r.limit();
                List<Product> found = search.search(new ProductSearch.Request(r.query(), SearchMode.HYBRID, r.category(),
                        r.minPrice(), r.maxPrice(), null, r.excludeShown() ? limit + ctx.shown().size() : limit))
                        .hits().stream().map(ProductSearch.Hit::product)
                        .filter(f -> !r.excludeShown() || !ctx.shown().contains(f.id()))
                        .limit(limit).toList();
                searchLog.record(c.id(), r.query(), found.size());
                String text = found.isEmpty() && r.refined() ? replies.nothingMore(r.query()) : replies.searchResults(r.query(), found);
                yield new Effect(List.of(Reply.text(text)), found.isEmpty() && r.refined() ? ctx
                        : ctx.withSearch(found.stream().map(Product::id).toList(), r.query(), r.category(), r.minPrice(), r.maxPrice()),
                        null);
            }
            case FunctionCall.GetProductDetails d -> {
                Product product = p.product();
                List<String> media = product.imageUrl() == null ? List.of() : List.of(product.imageUrl());
                yield new Effect(List.of(new Reply(replies.details(product), media)), ctx, product.id());
            }
            case FunctionCall.AddToCart a -> {
                carts.add(c.id(), p.product().id(), a.quantity());
                yield new Effect(List.of(Reply.text(replies.added(p.product(), a.quantity(), p.cart().withAdded(p.product(), a.quantity())))),
                        ctx, p.product().id());
            }
            case FunctionCall.ViewCart v -> new Effect(List.of(Reply.text(replies.cart(p.cart()))), ctx, c.activeProductId());
            case FunctionCall.RemoveFromCart r -> {
                CartItem line = p.cartLine();
                int left = r.quantity() == null ? 0 : Math.max(0, line.quantity() - r.quantity());
                if (left == 0) {
                    carts.remove(c.id(), line.productId());
                } else {
                    carts.setQuantity(c.id(), line.productId(), left);
                }
                yield new Effect(List.of(Reply.text(replies.removed(p.product(), left, cart(c.id())))), ctx,
                        c.activeProductId());
            }
            case FunctionCall.SetQuantity q -> {
                carts.setQuantity(c.id(), p.cartLine().productId(), q.quantity());
                yield new Effect(List.of(Reply.text(replies.quantitySet(p.product(), q.quantity(), cart(c.id())))), ctx,
                        c.activeProductId());
            }
            case FunctionCall.ClearCart x -> {
                carts.clear(c.id());
                yield new Effect(List.of(Reply.text(replies.cleared())), ctx, null);
            }
            case FunctionCall.CreateOrder o -> switch (orders.createFromCart(c.id())) {
                case OrderCreation.Created created ->
                        new Effect(List.of(Reply.text(replies.orderCreated(created.order()))), ctx, c.activeProductId());
                case OrderCreation.Refused refused -> throw new LateRefusal(switch (refused.reason()) {
                    case EMPTY_CART -> Refusal.CART_EMPTY;
                    default -> Refusal.OUT_OF_STOCK;
                });
            };
            case FunctionCall.GetPaymentLink l -> {
                var order = orderRepository.findPendingForConversation(c.id()).orElseThrow(() -> new LateRefusal(Refusal.NO_PENDING_ORDER));
                yield switch (payments.paymentLink(order)) {
                    case PaymentLinkResult.Link link ->
                            new Effect(List.of(Reply.text(replies.paymentLink(order.reference(), link))), ctx, c.activeProductId());
                    case PaymentLinkResult.Refused refused -> throw new LateRefusal(Refusal.NO_PENDING_ORDER);
                };
            }
            case FunctionCall.CheckOrderStatus s ->
                    new Effect(List.of(Reply.text(replies.orderStatus(orders.checkOrderStatus(c.id())))), ctx, c.activeProductId());
            case FunctionCall.AnswerShopQuestion q -> shop.answer(q.topic())
                    .map(answer -> new Effect(List.of(Reply.text(answer)), ctx, c.activeProductId()))
                    .orElseGet(() -> new Effect(List.of(Reply.text(replies.personWillAnswer())), ctx, c.activeProductId(),
                            NEEDS_A_PERSON + q.topic() + " question"));
        };
    }

    private static Product productOf(CartItem line, Cart cart) {
        return line == null ? null : cart.line(line.productId()).map(CartLine::product).orElse(null);
    }

    Cart cart(String conversationId) {
        return pricedCarts.of(conversationId);
    }
}
