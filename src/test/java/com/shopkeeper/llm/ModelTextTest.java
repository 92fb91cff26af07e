package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelTextTest {

    @Test
    void controlCharactersAndSeparatorsAreWrittenAsEscapes() {
        assertThat(ModelText.of("a\r\nb\tc\u0000d\u2028e\u2029f\u202eg\u0085h").toString())
                .isEqualTo("a\\r\\nb\\tc\\u0000d\\u2028e\\u2029f\\u202eg\\u0085h");
        assertThat(ModelText.of("search_products").toString()).isEqualTo("search_products");
        assertThat(ModelText.of("café 👍").toString()).isEqualTo("café 👍");
        assertThat(ModelText.of(null).toString()).isEqualTo("null");
    }

    @Test
    void theTextIsBoundedEllipsisIncludedAndNeverSplitsACharacter() {
        assertThat(ModelText.of("x".repeat(10_000)).toString()).hasSize(ModelText.DEFAULT_MAX).endsWith("x…");
        assertThat(new ModelText("\n".repeat(100), 9).toString()).isEqualTo("\\n\\n\\n\\n…");
        String emoji = new ModelText("ab👍👍👍", 4).toString();
        assertThat(emoji).isEqualTo("ab…");
    }

    @Test
    void textThatCameThroughOnceComesThroughAgainUnchanged() {
        for (String raw : new String[] {"a\r\nb", "x".repeat(500), "\u2028".repeat(50), "plain"}) {
            String once = ModelText.of(raw).toString();
            assertThat(ModelText.of(once).toString()).isEqualTo(once);
        }
    }
}
