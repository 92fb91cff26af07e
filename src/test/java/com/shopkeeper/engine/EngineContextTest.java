package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineContextTest {

    @Test
    void whatIsWrittenReadsBackAsTheSameContext() {
        EngineContext ctx = EngineContext.EMPTY.withSearch(List.of("p3", "p1", "p2"), "blue lamp", "Lighting", null,
                new java.math.BigDecimal("99.99"));
        assertThat(EngineContext.read(ctx.write())).isEqualTo(ctx);
        assertThat(EngineContext.read(EngineContext.EMPTY.write())).isEqualTo(EngineContext.EMPTY);
    }

    /** A new list sends the one before it to the earlier lists, in order, without what the new list shows, a few lists' worth. */
    @Test
    void earlierListsAreRememberedLatestFirst() {
        EngineContext ctx = EngineContext.EMPTY.withSearch(List.of("a1", "a2"), "lamp", null, null, null)
                .withSearch(List.of("b1", "a2"), "rug", null, null, null)
                .withSearch(List.of("c1"), "mug", null, null, null);
        assertThat(ctx.listed()).containsExactly("b1", "a2", "a1");
        assertThat(EngineContext.read(ctx.write())).isEqualTo(ctx);
        EngineContext many = ctx;
        for (int i = 0; i < 10; i++) {
            many = many.withSearch(List.of("x" + i, "y" + i, "z" + i), "q", null, null, null);
        }
        assertThat(many.listed()).hasSize(EngineContext.LISTED).startsWith("x8", "y8", "z8");
    }

    @Test
    void anEmptyUnknownOrDamagedContextReadsAsEmpty() {
        assertThat(EngineContext.read(null)).isEqualTo(EngineContext.EMPTY);
        assertThat(EngineContext.read("{}")).isEqualTo(EngineContext.EMPTY);
        assertThat(EngineContext.read("{\"shown\":")).isEqualTo(EngineContext.EMPTY);
        assertThat(EngineContext.read("{\"shown\":[\"p1\"],\"somethingNew\":1}").shown()).containsExactly("p1");
    }
}
