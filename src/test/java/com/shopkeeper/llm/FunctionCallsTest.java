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
}
