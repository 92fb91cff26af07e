package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartLine;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Choices;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.BotWords;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderItem;
import com.shopkeeper.order.OrderSummary;
import com.shopkeeper.payment.PaymentLinkResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;

/**
 * Every sentence the bot says, in WhatsApp style: *bold* names, numbered lists, prices with their
 * currency symbol. Every price and total here comes from the catalog or the order, never from the model.
 */
@Component
class ReplyWriter {

    static final int MAX_DESCRIPTION = 400;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** One cart line with its current catalog product. */
    String greeting(String name, String shopName) {
        String hi = name == null || name.isBlank() ? "Hi!" : "Hi " + SPACES.split(name.strip())[0] + "!";
        return hi + " 👋 I'm " + shopName + "'s assistant. Tell me what you're looking for, e.g. *a blue sofa under $500*.";
    }

    String help() {
        return """
                Here's what I can do:
                • *search*: tell me what you want, e.g. _lamp under 50_
                • *details*: reply with a number from a list
                • *add*: _add 2_ or _add the blue one_
                • *cart*: see your cart; _remove 1_ takes something out
                • *checkout*: turn your cart into an order, then *pay* for the link
                • *order status*: where your order is""";
    }

    String handedOverAfterMisses() {
        return "Sorry, I'm not getting this right. I've asked a person from the shop to help you: they'll answer here soon.";
    }

    String personAsked() {
        return "Of course. I've asked a person from the shop to take over: they'll answer you here soon.";
    }

    String keepBrowsing() {
        return "Sure! Tell me what else you're looking for, e.g. _lamp under 50_.";
    }

    String whatToLookFor() {
        return "What are you looking for? Tell me the product, e.g. _lamp under 50_.";
    }

    String didNotUnderstand() {
        return "Sorry, I didn't catch that. You can search (e.g. _lamp under 50_), say *cart*, or *help*.";
    }

    String malformed() {
        return "Sorry, I didn't quite get that. Could you say it another way?";
    }

    String unavailable() {
        return "Sorry, I'm having trouble right now. Please send that again in a moment; nothing has changed.";
    }

    String searchResults(String query, List<Product> found) {
        if (found.isEmpty()) {
            return "I couldn't find anything for \"" + shorten(query, 60) + "\". Try other words, or a category like *lamps*.";
        }
        StringBuilder out = new StringBuilder("Here's what I found for *").append(shorten(query, 60)).append("*:\n");
        for (int i = 0; i < found.size(); i++) {
            Product p = found.get(i);
            out.append(i + 1).append(". *").append(p.name()).append("* – ").append(p.price().display());
            if (!p.inStock()) {
                out.append(" (out of stock)");
            }
            out.append('\n');
        }
        out.append("Reply with a number for details, or _add 1_ to put it in your cart.");
        return out.toString();
    }

    /**
     * The list picker that goes with search results, under their numbered text: a row per product
     * (its name, its price and whether it is in stock), tapped to see it. Null when nothing was found.
     */
    Choices searchChoices(String query, List<Product> found) {
        if (found.isEmpty()) {
            return null;
        }
        List<Choices.Option> rows = found.stream().limit(Choices.MAX_ROWS)
                .map(p -> new Choices.Option(Tap.details(p), p.name(), p.price().display() + (p.inStock() ? "" : " · out of stock")))
                .toList();
        // The numbered text stays above the list: a shopper can tap a row or type its number. The
        // products by sku too: with the shop's Meta catalog they go as a multi-product message.
        return Choices.list(null, "View products", rows)
                .showing(found.stream().limit(Choices.MAX_ROWS).map(Product::sku).toList());
    }

    /** A product shown: add it (when in stock), the cart when it holds something, keep browsing. */
    Choices detailsChoices(Product p, boolean cartEmpty) {
        List<Choices.Option> options = new java.util.ArrayList<>();
        if (p.inStock()) {
            options.add(Choices.Option.of(Tap.add(p), "Add to cart"));
        }
        if (!cartEmpty) {
            options.add(Choices.Option.of(Tap.CART, "View cart"));
        }
        options.add(Choices.Option.of(Tap.BROWSE, "Keep browsing"));
        // With the shop's Meta catalog the product itself goes first, as a product message.
        return Choices.buttons(null, options).showing(java.util.stream.Stream.ofNullable(p.sku()).toList());
    }

    /** After the cart changed: checkout, the cart, keep browsing; nothing when it is empty now. */
    Choices cartChangedChoices(Cart cart) {
        return cart.isEmpty() ? null : Choices.buttons(null, List.of(Choices.Option.of(Tap.CHECKOUT, "Checkout"),
                Choices.Option.of(Tap.CART, "View cart"), Choices.Option.of(Tap.BROWSE, "Keep browsing")));
    }

    /** The cart shown: checkout, keep browsing, empty it. */
    Choices cartChoices(Cart cart) {
        return cart.isEmpty() ? null : Choices.buttons(null, List.of(Choices.Option.of(Tap.CHECKOUT, "Checkout"),
                Choices.Option.of(Tap.BROWSE, "Keep browsing"), Choices.Option.of(Tap.EMPTY_CART, "Empty cart")));
    }

    /** An order made: pay, or look at the cart again. */
    Choices orderChoices() {
        return Choices.buttons(null, List.of(Choices.Option.of(Tap.PAY, "Pay now"), Choices.Option.of(Tap.CART, "View cart")));
    }

    /** "Which one do you mean?": the candidates as a list, each tapped to mean it. */
    Choices whichOneChoices(List<Product> choices) {
        return Choices.list(null, "Choose", choices.stream().limit(Choices.MAX_ROWS)
                .map(p -> new Choices.Option(Tap.details(p), p.name(), p.price().display())).toList());
    }

    String details(Product p) {
        StringBuilder out = new StringBuilder("*").append(p.name()).append("*\n")
                .append(p.price().display()).append(p.inStock() ? " · in stock" : " · out of stock").append('\n');
        if (!p.description().isBlank()) {
            out.append(shorten(p.description(), MAX_DESCRIPTION)).append('\n');
        }
        StringJoiner attrs = new StringJoiner(" · ");
        for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
            if (!e.getKey().equals("type")) {
                attrs.add(capitalise(e.getKey()) + ": " + e.getValue());
            }
        }
        if (attrs.length() > 0) {
            out.append(attrs).append('\n');
        }
        out.append(p.inStock() ? "Reply _add_ to put it in your cart, or _add 2_ for two." : BotWords.SIMILAR);
        return out.toString();
    }

    String added(Product p, int quantity, Cart cart) {
        return BotWords.added(quantity, p.name()) + "\n" + cartFooter(cart)
                + "\nReply *checkout* to order, or keep browsing.";
    }

    String cart(Cart cart) {
        if (cart.isEmpty()) {
            return emptyCart();
        }
        StringBuilder out = new StringBuilder("Your cart:\n");
        for (int i = 0; i < cart.size(); i++) {
            CartLine l = cart.lines().get(i);
            out.append(i + 1).append(". ").append(l.quantity()).append(" × *").append(l.product().name()).append("* – ")
                    .append(l.total().display()).append('\n');
        }
        out.append("Total: *").append(cart.total().display()).append("*\n");
        out.append("Reply *checkout* to order, or _remove 1_ to take something out.");
        return out.toString();
    }

    /**
     * A cart sent from the shop's catalog, put in the shopper's cart: what could not go in, then the
     * cart at the shop's prices (never the ones the order message quoted).
     */
    String linesAdded(LinesCall.Sorting sorting, Cart cart) {
        StringBuilder out = new StringBuilder("Thanks! I've put your order in your cart.\n");
        for (LinesCall.Added a : sorting.added()) {
            if (a.capped()) {
                out.append("I added ").append(a.quantity()).append(" × *").append(a.product().name())
                        .append("*: that's the most of one product I can add.\n");
            }
        }
        if (!sorting.notAdded().isEmpty()) {
            out.append(couldNotAdd(sorting.notAdded())).append('\n');
        }
        return out.append(cart(cart)).toString();
    }

    /** A cart sent from the shop's catalog of which nothing could go in: what and why; the cart is as it was. */
    String nothingAdded(LinesCall.Sorting sorting, boolean cartEmpty) {
        return "Sorry, nothing from your order could go in your cart. " + couldNotAdd(sorting.notAdded()) + '\n'
                + (cartEmpty ? "Shall I find something else? Try _blue sofa under 500_." : "Your cart is as it was: reply *cart* to see it.");
    }

    private static String couldNotAdd(List<LinesCall.NotAdded> missed) {
        StringJoiner what = new StringJoiner(", ", "I couldn't add ", ".");
        for (LinesCall.NotAdded m : missed) {
            what.add(switch (m.why()) {
                case UNKNOWN -> m.sku() + " (not in our shop)";
                case OUT_OF_STOCK -> "*" + m.product().name() + "* (" + m.sku() + ", out of stock)";
                case AT_LIMIT -> "*" + m.product().name() + "* (" + m.sku() + ", you have the most of it I can add, "
                        + FunctionCalls.MAX_QUANTITY + ")";
            });
        }
        return what.toString();
    }

    String removed(Product p, int quantityLeft, Cart cart) {
        String what = quantityLeft > 0 ? BotWords.now(quantityLeft, p.name()) : BotWords.removed(p.name());
        return cart.isEmpty() ? what + " Your cart is empty now. What else can I find for you?" : what + "\n" + cartFooter(cart);
    }

    /** A refinement ("cheaper?", "any others?") that found nothing beyond what was shown: the list stands. */
    String nothingMore(String query) {
        return "That's all I have for \"" + shorten(query, 60) + "\" that fits. Reply with a number from the list, "
                + "or try other words.";
    }

    String quantitySet(Product p, int quantity, Cart cart) {
        return BotWords.now(quantity, p.name()) + "\n" + cartFooter(cart);
    }

    /** A question about the shop that its settings do not answer: never made up (the transition log flags it). */
    String personWillAnswer() {
        return "I don't know that one, sorry. I've asked a person from the shop to answer you here.";
    }

    /** Two or more shown products fit what the shopper said: a short numbered choice, nothing done. */
    String whichOne(List<Product> choices) {
        StringBuilder out = new StringBuilder(BotWords.WHICH_ONE).append('\n');
        for (int i = 0; i < choices.size(); i++) {
            out.append(i + 1).append(". *").append(choices.get(i).name()).append("* – ")
                    .append(choices.get(i).price().display()).append('\n');
        }
        return out.append("Reply with its number.").toString();
    }

    String cleared() {
        return "Your cart is empty now. What can I find for you?";
    }

    String orderCreated(Order order) {
        StringBuilder out = new StringBuilder("Order *").append(order.reference()).append("* is ready:\n");
        for (OrderItem item : order.items()) {
            out.append("• ").append(item.quantity()).append(" × ").append(item.productName()).append(" – ")
                    .append(item.lineTotal().display()).append('\n');
        }
        out.append("Total: *").append(order.total().display()).append("*\nReply *pay* to get your payment link.");
        return out.toString();
    }

    String paymentLink(String reference, PaymentLinkResult.Link link) {
        return "Here's the payment link for order *" + reference + "* (" + link.total().display() + "):\n" + link.url()
                + "\nIt works until " + TIME.format(link.expiresAt()) + ". I'll confirm here as soon as it's paid.";
    }

    String orderStatus(List<OrderSummary> orders) {
        if (orders.isEmpty()) {
            return "You have no orders yet. Tell me what you're looking for!";
        }
        StringBuilder out = new StringBuilder(orders.size() == 1 ? "Your order:\n" : "Your latest orders:\n");
        for (OrderSummary o : orders) {
            out.append("• *").append(o.reference()).append("* – ").append(o.total().display()).append(", ")
                    .append(o.itemCount()).append(o.itemCount() == 1 ? " item" : " items").append(": ")
                    .append(describe(o.status())).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** A refused call, turned into a next step the shopper can take. */
    String refusal(Refusal reason, Event event, State state, boolean cartEmpty, Product product) {
        return switch (reason) {
            case PRODUCT_NOT_FOUND -> "I couldn't tell which product you mean. Reply with its number from the list, or search again.";
            case OUT_OF_STOCK -> product != null
                    ? "Sorry, *" + product.name() + "* is out of stock right now. " + BotWords.SIMILAR
                    : "Sorry, something in your cart is out of stock now. Reply *cart* to see it and _remove_ it.";
            case BAD_QUANTITY -> "I can add between 1 and " + FunctionCalls.MAX_QUANTITY + " of one product at a time.";
            case ITEM_NOT_IN_CART -> "That isn't in your cart. Reply *cart* to see what is.";
            case CART_EMPTY -> emptyCart();
            case NO_PENDING_ORDER -> cartEmpty ? emptyCart() : "There's no order waiting for payment. Reply *checkout* to order what's in your cart.";
            case AMBIGUOUS_PRODUCT -> "More than one product fits that. Reply with its number from the list.";
            case NOTHING_TO_ADD -> "Sorry, nothing from your order could go in your cart: we don't have it in stock.";
            case NOT_ALLOWED_NOW -> notNow(event, state, cartEmpty);
        };
    }

    private String notNow(Event event, State state, boolean cartEmpty) {
        boolean checkingOut = state == State.CHECKOUT || state == State.AWAITING_PAYMENT;
        return switch (event) {
            case CREATE_ORDER -> cartEmpty ? emptyCart() : "Let's look at your cart first: reply *cart*, then *checkout*.";
            case GET_PAYMENT_LINK -> cartEmpty ? emptyCart() : "There's no order waiting for payment yet. Reply *checkout* to order what's in your cart.";
            case REMOVE_FROM_CART, SET_QUANTITY -> cartEmpty ? emptyCart() : "Reply *cart* first, then tell me what to change.";
            case CLEAR_CART -> cartEmpty ? emptyCart() : "You're checking out. Reply *cart* to change your order.";
            case ADD_TO_CART, ADD_LINES, GET_PRODUCT_DETAILS -> checkingOut
                    ? "You're checking out. Reply *pay* for the payment link, or *cart* to change your order."
                    : didNotUnderstand();
            default -> didNotUnderstand();
        };
    }

    String emptyCart() {
        return "Your cart is empty. Shall I find something? Try _blue sofa under 500_.";
    }

    private String cartFooter(Cart cart) {
        int items = cart.units();
        return "Cart: " + items + (items == 1 ? " item" : " items") + ", *" + cart.total().display() + "*.";
    }

    private static String describe(com.shopkeeper.order.OrderStatus status) {
        return switch (status) {
            case PENDING_PAYMENT -> "waiting for payment";
            case PAID -> "paid, being prepared";
            case FULFILLED -> "packed";
            case SHIPPED -> "on its way";
            case DELIVERED -> "delivered";
            case CANCELLED -> "cancelled";
            case PAYMENT_FAILED -> "payment failed";
            case EXPIRED -> "expired unpaid";
        };
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
