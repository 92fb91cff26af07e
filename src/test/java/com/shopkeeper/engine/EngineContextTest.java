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

    @Test
    void anEmptyUnknownOrDamagedContextReadsAsEmpty() {
        assertThat(EngineContext.read(null)).isEqualTo(EngineContext.EMPTY);
        assertThat(EngineContext.read("{}")).isEqualTo(EngineContext.EMPTY);
        assertThat(EngineContext.read("{\"shown\":")).isEqualTo(EngineContext.EMPTY);
        assertThat(EngineContext.read("{\"shown\":[\"p1\"],\"somethingNew\":1}").shown()).containsExactly("p1");
    }
}
