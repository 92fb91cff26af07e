package com.shopkeeper.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.TransitionTable.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the machine, allowed and refused, through the real spring-statemachine. The
 * expectations are written out here by hand, independently of {@link TransitionTable}: a change
 * to the table that is not also made here fails.
 */
class ConversationMachineTest {

    /** Where each event goes from each state when its guard holds; "-" = not allowed there; "=" = stays. */
    private static final String EXPECTED = """
            event                BROWSING       PRODUCT_FOCUS  CART           CHECKOUT       AWAITING_PAYMENT
            search_products      BROWSING       BROWSING       BROWSING       BROWSING       BROWSING
            get_product_details  PRODUCT_FOCUS  PRODUCT_FOCUS  PRODUCT_FOCUS  -              -
            add_to_cart          CART           CART           CART           -              -
            add_lines            CART           CART           CART           -              -
            view_cart            CART           CART           CART           CART           CART
            remove_from_cart     -              -              CART           -              -
            create_order         -              -              CHECKOUT       -              -
            get_payment_link     -              -              -              AWAITING_PAYMENT AWAITING_PAYMENT
            check_order_status   =              =              =              =              =
            payment_confirmed    =              =              =              =              BROWSING
            payment_expired      -              -              -              CART           CART
            order_cancelled      -              -              -              CART           CART
            """;

    private static final Facts ALL_TRUE_BUT_LAST = Facts.builder().productExists(true).productInStock(true)
            .quantityAllowed(true).itemInCart(true).removesLastItem(false).cartNotEmpty(true).cartAllInStock(true)
            .orderPending(true).lineAddable(true).build();

    private static final ConversationMachine MACHINE = new ConversationMachine();

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        String[] lines = EXPECTED.strip().split("\n");
        State[] columns = Arrays.stream(lines[0].trim().split("\\s+")).skip(1).map(State::valueOf).toArray(State[]::new);
        for (int i = 1; i < lines.length; i++) {
            String[] cols = lines[i].trim().split("\\s+");
            Event event = Event.ofWireName(cols[0]).orElseThrow();
            for (int c = 0; c < columns.length; c++) {
                cells.add(Arguments.of(columns[c], event, cols[c + 1]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("cells")
    void everyCell(State from, Event event, String expected) {
        Decision decision = MACHINE.fire(from, event, ALL_TRUE_BUT_LAST);
        switch (expected) {
            case "-" -> {
                assertThat(decision).isEqualTo(new Decision.Refused(Refusal.NOT_ALLOWED_NOW));
                assertThat(TransitionTable.allows(from, event)).isFalse();
                // Not allowed means not offered to the LLM either.
                assertThat(TransitionTable.allowedFunctions(from)).doesNotContain(event);
            }
            case "=" -> assertThat(decision).isInstanceOfSatisfying(Decision.Applied.class,
                    a -> assertThat(a.to()).isEqualTo(from));
            default -> assertThat(decision).isInstanceOfSatisfying(Decision.Applied.class,
                    a -> assertThat(a.to()).isEqualTo(State.valueOf(expected)));
        }
        assertThat(decision).as("spring-statemachine agrees with the table's own reading")
                .isEqualTo(TransitionTable.decide(from, event, ALL_TRUE_BUT_LAST));
    }

    @Test
    void outsideEventsAreNeverOfferedToTheLlm() {
        for (State s : State.values()) {
            assertThat(TransitionTable.allowedFunctions(s)).allMatch(Event::isFunction);
        }
        assertThat(TransitionTable.allowedFunctions(State.CHECKOUT)).containsExactlyInAnyOrder(
                Event.SEARCH_PRODUCTS, Event.VIEW_CART, Event.GET_PAYMENT_LINK, Event.CHECK_ORDER_STATUS,
                Event.ANSWER_SHOP_QUESTION, Event.ASK_FOR_PERSON);
        // With a person, the bot offers nothing at all.
        assertThat(TransitionTable.allowedFunctions(State.HANDOFF)).isEmpty();
    }

    @Test
    void removingTheLastItemGoesBackToBrowsing() {
        Facts last = Facts.builder().itemInCart(true).removesLastItem(true).build();
        assertThat(MACHINE.fire(State.CART, Event.REMOVE_FROM_CART, last))
                .isInstanceOfSatisfying(Decision.Applied.class, a -> assertThat(a.to()).isEqualTo(State.BROWSING));
    }

    /** Each guard, failing, refuses with its own reason and leaves the state as it was. */
    @Test
    void failingGuardsRefuseWithAReason() {
        Map<String, Decision> refused = new HashMap<>();
        refused.put("details of an unknown product", MACHINE.fire(State.BROWSING, Event.GET_PRODUCT_DETAILS, Facts.NONE));
        refused.put("add unknown", MACHINE.fire(State.PRODUCT_FOCUS, Event.ADD_TO_CART, Facts.NONE));
        refused.put("add out of stock", MACHINE.fire(State.PRODUCT_FOCUS, Event.ADD_TO_CART,
                Facts.builder().productExists(true).quantityAllowed(true).build()));
        refused.put("add 500", MACHINE.fire(State.CART, Event.ADD_TO_CART,
                Facts.builder().productExists(true).productInStock(true).build()));
        refused.put("remove what is not there", MACHINE.fire(State.CART, Event.REMOVE_FROM_CART, Facts.NONE));
        refused.put("order an empty cart", MACHINE.fire(State.CART, Event.CREATE_ORDER, Facts.NONE));
        refused.put("order with an item sold out", MACHINE.fire(State.CART, Event.CREATE_ORDER,
                Facts.builder().cartNotEmpty(true).build()));
        refused.put("a catalog order of nothing we can add", MACHINE.fire(State.BROWSING, Event.ADD_LINES, Facts.NONE));
        refused.put("link without an order", MACHINE.fire(State.CHECKOUT, Event.GET_PAYMENT_LINK, Facts.NONE));

        assertThat(refused).containsEntry("details of an unknown product", new Decision.Refused(Refusal.PRODUCT_NOT_FOUND))
                .containsEntry("add unknown", new Decision.Refused(Refusal.PRODUCT_NOT_FOUND))
                .containsEntry("add out of stock", new Decision.Refused(Refusal.OUT_OF_STOCK))
                .containsEntry("add 500", new Decision.Refused(Refusal.BAD_QUANTITY))
                .containsEntry("remove what is not there", new Decision.Refused(Refusal.ITEM_NOT_IN_CART))
                .containsEntry("order an empty cart", new Decision.Refused(Refusal.CART_EMPTY))
                .containsEntry("order with an item sold out", new Decision.Refused(Refusal.OUT_OF_STOCK))
                .containsEntry("link without an order", new Decision.Refused(Refusal.NO_PENDING_ORDER))
                .containsEntry("a catalog order of nothing we can add", new Decision.Refused(Refusal.NOTHING_TO_ADD));
    }

    @Test
    void aReusedMachineCarriesNothingOver() {
        // The same pooled machine serves many conversations: a taken row must not leak into the next call.
        assertThat(MACHINE.fire(State.CART, Event.CREATE_ORDER, ALL_TRUE_BUT_LAST)).isInstanceOf(Decision.Applied.class);
        assertThat(MACHINE.fire(State.CART, Event.CREATE_ORDER, Facts.NONE)).isInstanceOf(Decision.Refused.class);
        assertThat(MACHINE.fire(State.BROWSING, Event.CREATE_ORDER, ALL_TRUE_BUT_LAST)).isInstanceOf(Decision.Refused.class);
    }

    @Test
    void pooledMachinesAgreeWithTheTableOverALongRandomWalkFromManyThreads() throws Exception {
        // Machines are reused by the state they stand in and reset when none stands there: whichever
        // way a call is served, it must decide as the table does.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var walks = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int t = 0; t < 4; t++) {
                long seed = 42 + t;
                walks.add(pool.submit(() -> {
                    var random = new java.util.Random(seed);
                    State state = State.INITIAL;
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        Event event = Event.values()[random.nextInt(Event.values().length)];
                        Facts facts = new Facts(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                                random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                                random.nextBoolean(), random.nextBoolean(),
                                State.botStates().get(random.nextInt(State.botStates().size())));
                        Decision expected = TransitionTable.decide(state, event, facts);
                        assertThat(MACHINE.fire(state, event, facts)).as("%s %s %s", state, event, facts).isEqualTo(expected);
                        if (expected instanceof Decision.Applied applied) {
                            state = applied.to();
                        }
                        if (random.nextInt(10) == 0) {
                            state = State.values()[random.nextInt(State.values().length)]; // another conversation
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (var walk : walks) {
                assertThat(walk.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
