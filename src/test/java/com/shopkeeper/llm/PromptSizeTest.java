package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Event;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptSizeTest {

    @Test
    void tokensAreCharactersOverFourRoundedUp() {
        assertThat(PromptSize.tokens(null)).isZero();
        assertThat(PromptSize.tokens("")).isZero();
        assertThat(PromptSize.tokens("sofa")).isEqualTo(1);
        assertThat(PromptSize.tokens("sofas")).isEqualTo(2);
    }

    @Test
    void gatingTheToolsShrinksThePrompt() {
        LlmRequest cart = new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(Turns.shopper("sofas please"),
                Turns.bot("1. Oslo sofa")), "remove it", com.shopkeeper.conversation.State.CART,
                List.of(Event.VIEW_CART, Event.REMOVE_FROM_CART));

        PromptSize gated = PromptSize.of(cart);
        PromptSize all = PromptSize.of(cart, com.shopkeeper.conversation.TransitionTable.modelFunctions());

        assertThat(gated.tools()).isPositive().isLessThan(all.tools());
        assertThat(gated.total()).isLessThan(all.total());
        assertThat(all.total() - gated.total()).isEqualTo(all.tools() - gated.tools());
        assertThat(gated.system()).isEqualTo(PromptSize.tokens(Turns.SYSTEM) + PromptSize.PER_MESSAGE);
        assertThat(gated.cacheablePrefix()).isEqualTo(gated.system() + gated.tools());
        // each of the eight tools is a few dozen tokens of JSON schema
        assertThat(all.tools()).isBetween(8 * 30, 8 * 250);
    }

    @Test
    void pricesAreExactForAnyTokenCount() {
        TokenPrices prices = new TokenPrices(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("3.75"),
                new BigDecimal("0.30"));

        assertThat(prices.cost(1, 1, 1, 1)).isEqualByComparingTo("0.00002205");
        assertThat(prices.cost(1_000_000, 0, 0, 0)).isEqualByComparingTo("3").hasScaleOf(0);
        assertThat(prices.cost(0, 0, 0, 0)).isEqualByComparingTo(BigDecimal.ZERO);
    }
}
