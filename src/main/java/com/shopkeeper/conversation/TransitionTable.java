package com.shopkeeper.conversation;

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

    /** One transition. {@code to == from} is a self-transition: the call runs, the state stays. */
    public record Row(State from, Event event, Guard guard, State to) {
    }

    private static final List<Row> ROWS = build();

    private TransitionTable() {
    }

    private static List<Row> build() {
        List<Row> rows = new ArrayList<>();
        Set<State> shopping = EnumSet.of(BROWSING, PRODUCT_FOCUS, CART);
        for (State s : State.values()) {
            // A new search is always welcome; a pending order stays pending meanwhile.
            rows.add(new Row(s, SEARCH_PRODUCTS, Guard.NONE, BROWSING));
            if (shopping.contains(s)) {
                rows.add(new Row(s, GET_PRODUCT_DETAILS, Guard.PRODUCT_EXISTS, PRODUCT_FOCUS));
                rows.add(new Row(s, ADD_TO_CART, Guard.CAN_ADD, CART));
                // While shopping a cart can be changed wherever the shopper is; it shows the cart after.
                rows.add(new Row(s, SET_QUANTITY, Guard.ITEM_IN_CART_QUANTITY, CART));
                rows.add(new Row(s, CLEAR_CART, Guard.CART_NOT_EMPTY, BROWSING));
            }
            rows.add(new Row(s, VIEW_CART, Guard.NONE, CART));
            rows.add(new Row(s, CHECK_ORDER_STATUS, Guard.NONE, s));
            rows.add(new Row(s, ANSWER_SHOP_QUESTION, Guard.NONE, s));
        }
        rows.add(new Row(CART, REMOVE_FROM_CART, Guard.ITEM_IN_CART_OTHERS_REMAIN, CART));
        rows.add(new Row(CART, REMOVE_FROM_CART, Guard.ITEM_IN_CART_LAST, BROWSING));
        rows.add(new Row(CART, CREATE_ORDER, Guard.CART_READY, CHECKOUT));
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

    /** The functions the LLM is offered in a state: those the table has a row for. */
    public static List<Event> allowedFunctions(State state) {
        return Event.functions().stream().filter(e -> !rows(state, e).isEmpty()).toList();
    }

    public static boolean allows(State state, Event event) {
        return !rows(state, event).isEmpty();
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
