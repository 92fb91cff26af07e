package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hinglish read as English: the words, and the verb said last in Hindi said first; English left as typed. */
class HinglishTest {

    @Test
    void theVerbSaidLastIsSaidFirst() {
        assertThat(Hinglish.asEnglish("accha, pehla wala dikhao")).isEqualTo("ok, show me the first one");
        assertThat(Hinglish.asEnglish("theek hai, do piece daal do cart mein")).isEqualTo("ok, add 2 pcs to my cart");
        assertThat(Hinglish.asEnglish("hello bhai, conditioner milega?")).isEqualTo("hello, do you have conditioner?");
        assertThat(Hinglish.asEnglish("bhai sleeping bag chahiye camping ke liye")).isEqualTo("i need sleeping bag for camping");
        assertThat(Hinglish.asEnglish("Kinsley wala ek add karo")).isEqualTo("add kinsley one x1");
        assertThat(Hinglish.asEnglish("sleeping bag do kar do")).isEqualTo("make sleeping bag 2");
        assertThat(Hinglish.asEnglish("nahi nahi, sirf ek chahiye")).isEqualTo("no no, just 1");
    }

    @Test
    void phrasesAreReadWhole() {
        assertThat(Hinglish.asEnglish("cart mein kya kya hai abhi?")).isEqualTo("what is in my cart now?");
        assertThat(Hinglish.asEnglish("mera order kahan hai?")).isEqualTo("where is my order?");
        assertThat(Hinglish.asEnglish("kuch 100 dollar se kam mein hai kya?")).isEqualTo("do you have some under 100 dollars?");
        assertThat(Hinglish.asEnglish("sabse sasta wala add kar do, ek piece")).isEqualTo("add the cheapest one, 1 pcs");
        assertThat(Hinglish.asEnglish("checkout karo aur payment link bhi bhej do")).isEqualTo("checkout and send payment link also");
    }

    @Test
    void englishWithoutAHindiWordIsLeftAsTyped() {
        assertThat(Hinglish.asEnglish("Do you have two lamps? Add 2 of the Teen Titans set")).isEqualTo("Do you have two lamps? Add 2 of the Teen Titans set");
    }
}
