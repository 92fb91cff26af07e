package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Names pasted from the shop's list: one add per name, the price pasted beside it no limit. */
class PastedNamesTest {

    private static final Predicate<String> CATALOG = Set.of("mug", "press", "bowl", "collar", "toy", "truck", "shoes", "bulb", "lamps")::contains;

    @Test
    void aListUnderAnAskIsOneAddPerLineWithItsCount() {
        assertThat(PastedNames.ordered("Hi, I'd like to order:\n2 x Lark Stoneware Mug Set | Sage Green – $30.00\n"
                + "1 x Oakley 34 oz Glass French Press, Stainless Steel – $29.99", CATALOG)).containsExactly(
                new PastedNames.Line("lark stoneware mug set | sage green", 2),
                new PastedNames.Line("oakley 34 oz glass french press, stainless steel", 1));
        assertThat(PastedNames.ordered("Please add:\nFinley Pet Bowl | Sunflower Yellow, Size S\nJuniper Reflective Collar | Tan (3)", CATALOG))
                .containsExactly(new PastedNames.Line("finley pet bowl | sunflower yellow, size s", 1),
                        new PastedNames.Line("juniper reflective collar | tan", 3));
    }

    @Test
    void oneNameAfterAColonThatAsksOrWithItsCountIsOneAdd() {
        assertThat(PastedNames.ordered("Add to cart: Drift RC Truck by Kite & Kin (Purple) – $38.00", CATALOG))
                .containsExactly(new PastedNames.Line("drift rc truck by kite & kin (purple)", 1));
        assertThat(PastedNames.ordered("Hi can I get this one: Hudson Cushioned Running Shoes, EU 42 (SK-000136) $61.99", CATALOG))
                .containsExactly(new PastedNames.Line("sk-000136", 1));
        assertThat(PastedNames.ordered("also Brightwell Smart LED Bulb 4-Pack – $18.00 x1", CATALOG))
                .containsExactly(new PastedNames.Line("brightwell smart led bulb 4-pack", 1));
    }

    @Test
    void linesThatNameNothingOrAskNothingAreNoOrder() {
        assertThat(PastedNames.ordered("show me lamps\nunder 50", CATALOG)).isEmpty();
        assertThat(PastedNames.ordered("Please add:\nsomething nice\nfor my mum", CATALOG)).isEmpty();
        assertThat(PastedNames.ordered("also lamps", CATALOG)).isEmpty(); // no count: a search, read elsewhere
        assertThat(PastedNames.ordered("   ", CATALOG)).isEmpty();
    }

    @Test
    void aPriceBesideANameIsDroppedAndALimitIsKept() {
        assertThat(PastedNames.unpriced("Wonderbox Aria Railway Set - Wood $39.95 is this one better?"))
                .isEqualTo("Wonderbox Aria Railway Set - Wood is this one better?");
        assertThat(PastedNames.unpriced("Speed Jump Rope (White) – $13.00, 2 of them")).isEqualTo("Speed Jump Rope (White), 2 of them");
        assertThat(PastedNames.unpriced("lamps under $49.99")).isEqualTo("lamps under $49.99");
        assertThat(PastedNames.unpriced("rug between $20.00 and $60.00")).isEqualTo("rug between $20.00 and $60.00");
        assertThat(PastedNames.unpriced("lamps under 50")).isEqualTo("lamps under 50");
    }
}
