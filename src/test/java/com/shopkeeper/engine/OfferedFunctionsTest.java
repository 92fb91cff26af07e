package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.llm.MalformedCallException;
import com.shopkeeper.llm.ToolCall;
import org.junit.jupiter.api.Test;

/** What the model is offered: the table's functions for the state, less those that can only repeat the context. */
class OfferedFunctionsTest {

    @Test
    void aNewShopperBrowsingIsOfferedOnlyWhatCanFindOrPickAProductOrAnswerAboutTheShop() {
        assertThat(PromptBuilder.offered(State.BROWSING, true, false))
                .containsExactlyInAnyOrder(Event.SEARCH_PRODUCTS, Event.GET_PRODUCT_DETAILS, Event.ADD_TO_CART,
                        Event.ANSWER_SHOP_QUESTION, Event.ASK_FOR_PERSON);
    }

    @Test
    void withItemsAndAnOrderEveryFunctionTheTableAllowsIsOffered() {
        for (State s : State.values()) {
            assertThat(PromptBuilder.offered(s, false, true)).as(s.name())
                    .containsExactlyElementsOf(TransitionTable.allowedFunctions(s));
        }
    }

    @Test
    void anEmptyCartHidesTheCartsFunctionsAndNoOrderHidesTheStatus() {
        for (State s : State.values()) {
            assertThat(PromptBuilder.offered(s, true, true)).as(s.name())
                    .doesNotContain(Event.VIEW_CART, Event.REMOVE_FROM_CART, Event.SET_QUANTITY, Event.CLEAR_CART,
                            Event.CREATE_ORDER)
                    .isSubsetOf(TransitionTable.allowedFunctions(s));
            assertThat(PromptBuilder.offered(s, false, false)).as(s.name())
                    .doesNotContain(Event.CHECK_ORDER_STATUS)
                    .isSubsetOf(TransitionTable.allowedFunctions(s));
        }
        assertThat(PromptBuilder.offered(State.AWAITING_PAYMENT, true, true))
                .contains(Event.GET_PAYMENT_LINK, Event.CHECK_ORDER_STATUS);
    }

    @Test
    void aCatalogOrdersCallIsNeverPutBeforeAModelNorTakenFromOne() {
        for (State s : State.values()) {
            for (boolean cartEmpty : new boolean[] {true, false}) {
                assertThat(PromptBuilder.offered(s, cartEmpty, true)).doesNotContain(Event.ADD_LINES);
            }
            assertThat(TransitionTable.allowedFunctions(s)).doesNotContain(Event.ADD_LINES);
        }
        assertThat(TransitionTable.allows(State.BROWSING, Event.ADD_LINES)).isTrue();
        assertThat(TransitionTable.modelFunctions()).doesNotContain(Event.ADD_LINES)
                .containsAll(Event.functions().stream().filter(e -> e != Event.ADD_LINES).toList());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FunctionCalls.parse(
                        new ToolCall("toolu_1", "add_lines", "{\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}"), Event.functions()))
                .isInstanceOf(MalformedCallException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FunctionCalls.spec(Event.ADD_LINES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
