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
}
