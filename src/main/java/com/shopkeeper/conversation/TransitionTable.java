package com.shopkeeper.conversation;

import static com.shopkeeper.conversation.Event.ADD_LINES;
import static com.shopkeeper.conversation.Event.ADD_TO_CART;
import static com.shopkeeper.conversation.Event.CHECK_ORDER_STATUS;
import static com.shopkeeper.conversation.Event.CREATE_ORDER;
import static com.shopkeeper.conversation.Event.GET_PAYMENT_LINK;
import static com.shopkeeper.conversation.Event.GET_PRODUCT_DETAILS;
import static com.shopkeeper.conversation.Event.ORDER_CANCELLED;
import static com.shopkeeper.conversation.Event.PAYMENT_CONFIRMED;
import static com.shopkeeper.conversation.Event.PAYMENT_EXPIRED;
import static com.shopkeeper.conversation.Event.REMOVE_FROM_CART;
import static com.shopkeeper.conversation.Event.SEARCH_PRODUCTS;
import static com.shopkeeper.conversation.Event.SET_QUANTITY;
import static com.shopkeeper.conversation.Event.CLEAR_CART;
import static com.shopkeeper.conversation.Event.ANSWER_SHOP_QUESTION;
import static com.shopkeeper.conversation.Event.VIEW_CART;
import static com.shopkeeper.conversation.Event.ASK_FOR_PERSON;
import static com.shopkeeper.conversation.Event.HANDED_BACK;
import static com.shopkeeper.conversation.Event.HANDED_OVER;
import static com.shopkeeper.conversation.State.HANDOFF;
import static com.shopkeeper.conversation.State.AWAITING_PAYMENT;
import static com.shopkeeper.conversation.State.BROWSING;
import static com.shopkeeper.conversation.State.CART;
import static com.shopkeeper.conversation.State.CHECKOUT;
import static com.shopkeeper.conversation.State.PRODUCT_FOCUS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The conversation machine, as data, in one place: (state, event) → guard → next state.
 * The engine asks it which functions to offer the LLM and whether a call may run; the
 * spring-statemachine behind {@link ConversationMachine}, the diagrams in
 * {@code statemachine-diagrams/} and {@code GET /api/admin/statemachine} are all built from it.
 *
 * <p>Rows for one (state, event) are tried in order; the first whose guard holds is taken.
 */
public final class TransitionTable {

    /**
     * One transition. {@code to == from} is a self-transition: the call runs, the state stays.
     * {@code offered}: when the function is put before the model in {@code from} (issue 14, item 7);
     * the guard still decides whether a call the model makes anyway runs.
     */
    public record Row(State from, Event event, Guard guard, State to, Offer offered) {
        Row(State from, Event event, Guard guard, State to) {
            this(from, event, guard, to, Offer.ALWAYS);
        }
    }

    /**
     * When a function is offered to the model: always, or only when it could do more than repeat what
     * the turn's context already says ("Cart: empty", "Orders: none"). Fewer tool schemas make a
     * smaller prompt and leave the model fewer wrong calls to make.
     */
    public enum Offer {
        ALWAYS("offered"), WITH_CART("offered with a cart"), WITH_ORDERS("offered once there is an order"),
        /** Never offered: only a catalog order makes it (add_lines), never a model's reading of words. */
        NEVER("never offered: only a catalog order makes it");

        private final String label;

        Offer(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean holds(boolean cartEmpty, boolean hasOrders) {
            return switch (this) {
                case ALWAYS -> true;
                case WITH_CART -> !cartEmpty;
                case WITH_ORDERS -> hasOrders;
                case NEVER -> false;
            };
        }
    }

    private static final List<Row> ROWS = build();

    private TransitionTable() {
    }

    private static List<Row> build() {
        List<Row> rows = new ArrayList<>();
        Set<State> shopping = EnumSet.of(BROWSING, PRODUCT_FOCUS, CART);
        // HANDOFF offers nothing: a person from the shop has the conversation and the bot is quiet.
        for (State s : State.botStates()) {
            // A new search is always welcome; a pending order stays pending meanwhile.
            rows.add(new Row(s, SEARCH_PRODUCTS, Guard.NONE, BROWSING));
            if (shopping.contains(s)) {
                rows.add(new Row(s, GET_PRODUCT_DETAILS, Guard.PRODUCT_EXISTS, PRODUCT_FOCUS));
                rows.add(new Row(s, ADD_TO_CART, Guard.CAN_ADD, CART));
                // While shopping a cart can be changed wherever the shopper is; it shows the cart after.
                rows.add(new Row(s, SET_QUANTITY, Guard.ITEM_IN_CART_QUANTITY, CART, Offer.WITH_CART));
                rows.add(new Row(s, CLEAR_CART, Guard.CART_NOT_EMPTY, BROWSING, Offer.WITH_CART));
                // The cart a shopper sent from the shop's WhatsApp catalog: its lines join the cart.
                rows.add(new Row(s, ADD_LINES, Guard.LINE_ADDABLE, CART, Offer.NEVER));
            }
            // An empty cart and no order are in the context already: the model is not offered to ask.
            rows.add(new Row(s, VIEW_CART, Guard.NONE, CART, Offer.WITH_CART));
            rows.add(new Row(s, CHECK_ORDER_STATUS, Guard.NONE, s, Offer.WITH_ORDERS));
            rows.add(new Row(s, ANSWER_SHOP_QUESTION, Guard.NONE, s));
            // A person, when the shopper asks for one, or when the bot failed them twice or an admin took over.
            rows.add(new Row(s, ASK_FOR_PERSON, Guard.NONE, HANDOFF));
            rows.add(new Row(s, HANDED_OVER, Guard.NONE, HANDOFF));
            // Handed back, the conversation goes on where it was.
            rows.add(new Row(HANDOFF, HANDED_BACK, Guard.cameFrom(s), s));
        }
        rows.add(new Row(CART, REMOVE_FROM_CART, Guard.ITEM_IN_CART_OTHERS_REMAIN, CART, Offer.WITH_CART));
        rows.add(new Row(CART, REMOVE_FROM_CART, Guard.ITEM_IN_CART_LAST, BROWSING, Offer.WITH_CART));
        rows.add(new Row(CART, CREATE_ORDER, Guard.CART_READY, CHECKOUT, Offer.WITH_CART));
        rows.add(new Row(CHECKOUT, GET_PAYMENT_LINK, Guard.ORDER_PENDING, AWAITING_PAYMENT));
        rows.add(new Row(AWAITING_PAYMENT, GET_PAYMENT_LINK, Guard.ORDER_PENDING, AWAITING_PAYMENT));
        // Outside events. A payment can be confirmed whatever the shopper is doing meanwhile;
        // only a shopper who was waiting for it is taken back to browsing.
        for (State s : State.values()) {
            rows.add(new Row(s, PAYMENT_CONFIRMED, Guard.NONE, s == AWAITING_PAYMENT ? BROWSING : s));
        }
        for (State s : List.of(CHECKOUT, AWAITING_PAYMENT)) {
            rows.add(new Row(s, PAYMENT_EXPIRED, Guard.NONE, CART));
            rows.add(new Row(s, ORDER_CANCELLED, Guard.NONE, CART));
        }
        return Collections.unmodifiableList(rows);
    }

    public static List<Row> rows() {
        return ROWS;
    }

    public static List<Row> rows(State from, Event event) {
        return ROWS.stream().filter(r -> r.from() == from && r.event() == event).toList();
    }

    /**
     * The functions a model may be offered in a state: those the table has a row for that is ever
     * offered ({@link Offer#NEVER} ones, add_lines, are made only by what the shopper sent).
     */
    public static List<Event> allowedFunctions(State state) {
        return Event.functions().stream()
                .filter(e -> rows(state, e).stream().anyMatch(r -> r.offered() != Offer.NEVER)).toList();
    }

    /** Every function some state may offer a model: what a model's call can name at all. */
    public static List<Event> modelFunctions() {
        return Event.functions().stream()
                .filter(e -> ROWS.stream().anyMatch(r -> r.event() == e && r.offered() != Offer.NEVER)).toList();
    }

    /**
     * The functions put before the model in a turn: those the table allows in the state whose
     * {@link Offer} holds for the cart and orders as they are. The one place that says it; the
     * diagrams and the visualizer show it.
     */
    public static List<Event> offered(State state, boolean cartEmpty, boolean hasOrders) {
        return Event.functions().stream()
                .filter(e -> rows(state, e).stream().anyMatch(r -> r.offered().holds(cartEmpty, hasOrders)))
                .toList();
    }

    public static boolean allows(State state, Event event) {
        return !rows(state, event).isEmpty();
    }

    /**
     * Where {@code event} most likely leads from {@code from}: its first row (a guard may decide
     * otherwise when it runs); {@code from} when the table has no row for it.
     */
    public static State likelyNext(State from, Event event) {
        List<Row> rows = rows(from, event);
        return rows.isEmpty() ? from : rows.getFirst().to();
    }

    /**
     * The look at the cart that opens the way to {@code wanted} when {@code from} does not allow it
     * and the cart does ("checkout" or "remove the lamp" while browsing a list): view_cart, always
     * allowed and unguarded, leads to CART. Empty when no such way exists or none is needed.
     */
    public static java.util.Optional<Event> throughTheCart(State from, Event wanted) {
        boolean needed = (wanted == CREATE_ORDER || wanted == REMOVE_FROM_CART) && !allows(from, wanted)
                && allows(from, VIEW_CART) && allows(likelyNext(from, VIEW_CART), wanted);
        return needed ? java.util.Optional.of(VIEW_CART) : java.util.Optional.empty();
    }

    /** What the machine does with {@code event} in {@code from}, given the facts. */
    public sealed interface Decision {
        record Applied(Row row) implements Decision {
            public State to() {
                return row.to();
            }
        }

        record Refused(Refusal reason) implements Decision {
        }
    }

    /** The table's own reading of one cell: the reference the spring-statemachine must agree with. */
    public static Decision decide(State from, Event event, Facts facts) {
        List<Row> candidates = rows(from, event);
        if (candidates.isEmpty()) {
            return new Decision.Refused(Refusal.NOT_ALLOWED_NOW);
        }
        for (Row row : candidates) {
            if (row.guard().test(facts)) {
                return new Decision.Applied(row);
            }
        }
        return new Decision.Refused(candidates.getFirst().guard().refusal(facts));
    }
}
