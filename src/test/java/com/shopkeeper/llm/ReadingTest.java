package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A reply in the label scheme of LABELS.md, whatever provider made it. */
class ReadingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LlmReply reply(String intent, ToolCall... calls) {
        return new LlmReply(null, List.of(calls), intent, null, null);
    }

    @Test
    void laterRequestsAreThenEachWithItsOwnSlots() {
        Reading r = Reading.of(reply("add_to_cart", new ToolCall("1", "add_to_cart", "{\"product\":\"lamp\",\"quantity\":2}"),
                new ToolCall("2", "view_cart", "{}")), JSON);
        assertThat(r.intent()).isEqualTo("add_to_cart");
        assertThat(r.slots().toString()).isEqualTo("{\"product_ref\":\"lamp\",\"quantity\":2}");
        assertThat(r.then()).singleElement().satisfies(t -> {
            assertThat(t.intent()).isEqualTo("view_cart");
            assertThat(t.slots().isEmpty()).isTrue();
        });
    }

    /** The call keeps the kind for the engine; the label scheme writes every place in a list as the place. */
    @Test
    void aPlaceAmongAKindIsThePlaceInTheLabelScheme() {
        assertThat(Reading.of(reply("add_to_cart", new ToolCall("1", "add_to_cart", "{\"product\":\"second lamp\"}")), JSON)
                .slots().get("product_ref").asString()).isEqualTo("2");
        assertThat(Reading.of(reply("get_product_details", new ToolCall("1", "get_product_details", "{\"product\":\"last candle\"}")), JSON)
                .slots().get("product_ref").asString()).isEqualTo("last");
        // a name that only starts like a place is a name
        assertThat(Reading.of(reply("add_to_cart", new ToolCall("1", "add_to_cart", "{\"product\":\"lastly lamp\"}")), JSON)
                .slots().get("product_ref").asString()).isEqualTo("lastly lamp");
        assertThat(Reading.calls(reply("add_to_cart", new ToolCall("1", "add_to_cart", "{\"product\":\"second lamp\"}")), JSON))
                .singleElement().satisfies(c -> assertThat(c.get("arguments").toString()).contains("second lamp"));
    }

    @Test
    void aProviderThatReportsNoIntentIsReadByItsFirstCall() {
        Reading r = Reading.of(reply(null, new ToolCall("1", "answer_shop_question", "{\"topic\":\"returns\"}")), JSON);
        assertThat(r.intent()).isEqualTo("shop_question");
        assertThat(r.slots().get("topic").asString()).isEqualTo("returns");
    }

    @Test
    void aRequestForAPersonIsHelpWithHumanWithOrWithoutACall() {
        assertThat(Reading.of(reply("ask_for_person", new ToolCall("1", "ask_for_person", "{}")), JSON).slots().get("human").asBoolean())
                .isTrue();
        Reading none = Reading.of(reply("ask_for_person"), JSON);
        assertThat(none.intent()).isEqualTo("help");
        assertThat(none.slots().get("human").asBoolean()).isTrue();
    }

    @Test
    void argumentsAModelGarbledAreNoSlotsNotAnError() {
        Reading r = Reading.of(reply("search_products", new ToolCall("1", "search_products", "{\"query\": \"lamp")), JSON);
        assertThat(r.intent()).isEqualTo("search_products");
        assertThat(r.slots().isEmpty()).isTrue();
        assertThat(Reading.calls(reply("x", new ToolCall("1", "search_products", "[1]")), JSON).getFirst().get("arguments").toString())
                .isEqualTo("{}");
    }
}
