package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.conversation.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionCallsTest {

    private static FunctionCall parse(String name, String arguments) {
        return FunctionCalls.parse(new ToolCall("toolu_1", name, arguments), Event.functions());
    }

    /** A model may say a search only changes the last one; anything but a yes or no there is refused, not guessed. */
    @Test
    void aSearchCarriesWhetherItRefinesTheLastOne() {
        assertThat(parse("search_products", "{\"query\":\"cheaper\",\"refine\":true}"))
                .isEqualTo(new FunctionCall.SearchProducts("cheaper", null, null, null, null, true));
        assertThat(parse("search_products", "{\"query\":\"lamps\",\"refine\":\"false\"}"))
                .isEqualTo(new FunctionCall.SearchProducts("lamps", null, null, null, null, false));
        assertThat(((FunctionCall.SearchProducts) parse("search_products", "{\"query\":\"lamps\"}")).refine()).isNull();
        for (String bad : List.of("\"maybe\"", "1", "{}")) {
            assertThatThrownBy(() -> parse("search_products", "{\"query\":\"lamps\",\"refine\":" + bad + "}"))
                    .as(bad).isInstanceOf(MalformedCallException.class).hasMessageContaining("refine");
        }
        assertThat(FunctionCalls.spec(Event.SEARCH_PRODUCTS).toString()).contains("refine");
    }

    /** "any cheaper?" names no product: the call says how it changes the last list, in a field of its own, and needs no query. */
    @Test
    void aRefinementSaysHowItChangesTheListWithoutAQuery() {
        assertThat(parse("search_products", "{\"refine\":true,\"change\":\"cheaper\"}"))
                .isEqualTo(new FunctionCall.SearchProducts(null, null, null, null, null, true, FunctionCall.Change.CHEAPER));
        assertThat(parse("search_products", "{\"change\":\"Others\"}"))
                .isEqualTo(new FunctionCall.SearchProducts(null, null, null, null, null, null, FunctionCall.Change.OTHERS));
        assertThat(((FunctionCall.SearchProducts) parse("search_products", "{\"max_price\":50,\"refine\":true}")).maxPrice())
                .isEqualByComparingTo("50");
        assertThat(parse("search_products", "{\"category\":\"electronics\"}"))
                .isEqualTo(new FunctionCall.SearchProducts(null, "electronics", null, null, null));
        for (String nothing : List.of("{}", "{\"limit\":3}", "{\"refine\":false}")) {
            assertThatThrownBy(() -> parse("search_products", nothing)).as(nothing)
                    .isInstanceOf(MalformedCallException.class).hasMessage("query is required");
        }
        assertThat(FunctionCalls.spec(Event.SEARCH_PRODUCTS).toString()).contains("change", "cheaper", "pricier", "others");
    }
}
