package com.shopkeeper.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InboundMessageTest {

    static InboundMessage said(String text) {
        return new InboundMessage("twilio", "SM1", "whatsapp:+15550000001", "Ada", text, List.of());
    }

    @Test
    void aBurstReadsAsItsMessagesInOrderEachASentence() {
        InboundMessage joined = said("hi").followedBy(List.of("do you have backpacks", "under 100"));
        assertThat(joined.text()).isEqualTo("hi. do you have backpacks. under 100");
        assertThat(joined.platformMessageId()).as("still the first message's").isEqualTo("SM1");
        assertThat(joined.shopperAddress()).isEqualTo("whatsapp:+15550000001");
    }

    @Test
    void aMessageThatEndsASentenceItselfGetsNoSecondStopAndBlanksAreLeftOut() {
        assertThat(said("Hi! ").followedBy(List.of("  ", "backpacks?", "under 100.", "blue")).text())
                .isEqualTo("Hi! backpacks? under 100. blue");
        assertThat(said("hi").followedBy(List.of()).text()).isEqualTo("hi");
    }
}
