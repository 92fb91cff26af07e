package com.shopkeeper.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsTakeTheirCurrencysScale() {
        assertThat(Money.of("12.5", "USD").amount().toPlainString()).isEqualTo("12.50");
        assertThat(Money.of("500", "JPY").amount().toPlainString()).isEqualTo("500");
        assertThat(Money.of("1.250", "KWD").minorUnits()).isEqualTo(1250);
    }

    @Test
    void moreDecimalsThanTheCurrencyHasIsRefusedNotRounded() {
        assertThatThrownBy(() -> Money.of("0.005", "USD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2 decimal places");
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.of("1.10000", "USD").amount().toPlainString()).isEqualTo("1.10");
    }

    @Test
    void minorUnitsRoundTripExactly() {
        Money m = Money.of("1234567.89", "USD");
        assertThat(m.minorUnits()).isEqualTo(123456789L);
        assertThat(Money.ofMinor(m.minorUnits(), "USD")).isEqualTo(m);
    }

    @Test
    void arithmeticIsExactAndRefusesMixedCurrencies() {
        Money total = Money.of("0.10", "USD").times(3).plus(Money.of("0.20", "USD"));
        assertThat(total.amount()).isEqualByComparingTo("0.50");
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot mix");
    }

    @Test
    void unknownOrMalformedCurrenciesAreRefused() {
        assertThatThrownBy(() -> Money.currency("usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.currency("XYZ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown currency");
    }

    @Test
    void displayUsesTheCurrencySymbol() {
        assertThat(Money.of("1234.5", "USD").display()).isEqualTo("$1,234.50");
        assertThat(Money.of("500", "JPY").display()).isEqualTo("¥500");
    }

    @Test
    void aPlausibleAmountHasAtMostTwelveDigitsBeforeThePointAndSixAfter() {
        for (String ok : new String[] {"0", "19.99", "999999999999.999999", "1e3", "0.500000000", "1E+11", "-5", "0.000001"}) {
            assertThat(Money.isPlausible(ok)).as(ok).isTrue();
            assertThat(Money.isPlausible(new java.math.BigDecimal(ok))).as(ok).isTrue();
        }
        for (String bad : new String[] {"1e-100000000", "1e100000000", "1000000000000", "0.0000001", "1e2147483647",
                "1e-2147483647", "1E+12"}) {
            assertThat(Money.isPlausible(bad)).as(bad).isFalse();
            assertThat(Money.isPlausible(new java.math.BigDecimal(bad))).as(bad).isFalse();
        }
        assertThat(Money.isPlausible("9".repeat(33))).isFalse();
        assertThat(Money.isPlausible(new java.math.BigDecimal("1." + "0".repeat(40)))).as("zeros past 32 digits").isFalse();
        assertThat(Money.isPlausible("cheap")).isFalse();
        assertThat(Money.isPlausible((String) null)).isFalse();
    }

    @Test
    void anAbsurdAmountIsNeverWrittenOutInFull() {
        assertThatThrownBy(() -> Money.of(new java.math.BigDecimal("1e-100000000"), "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(100));
    }
}
