package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message written as a letter is read as its body; a message that is not one is left as written. */
class LetterTest {

    @Test
    void theSalutationTheClosingAndTheSignatureAreManners() {
        assertThat(Letter.body("Dear shop,\n\nWould you show me the cardigans you stock?\n\nKind regards,\nDorothy Pemberton"))
                .isEqualTo("Would you show me the cardigans you stock?");
        assertThat(Letter.body("Dear Sir or Madam,\nPlease add one of those to my basket.\nYours faithfully,\nArthur Hughes"))
                .isEqualTo("Please add one of those to my basket.");
        assertThat(Letter.body("Good afternoon,\nOne set, please.\nWith thanks,\nMargaret")).isEqualTo("One set, please.");
        assertThat(Letter.body("I meant the second curtains. One set, please. Kind regards, Edith"))
                .isEqualTo("I meant the second curtains. One set, please.");
    }

    @Test
    void wishesAndThanksForWhatWasDoneAreDroppedAroundARequest() {
        assertThat(Letter.body("I hope this message finds you well. Show me the jigsaw puzzles."))
                .isEqualTo("Show me the jigsaw puzzles.");
        assertThat(Letter.body("Thank you kindly for the list. Could you tell me more about the second puzzle?"))
                .isEqualTo("Could you tell me more about the second puzzle?");
    }

    @Test
    void aThankYouAloneOrThanksWithARequestInItIsKept() {
        assertThat(Letter.body("Many thanks!")).isEqualTo("Many thanks!");
        assertThat(Letter.body("thanks for the help, add the blue one too")).isEqualTo("thanks for the help, add the blue one too");
        assertThat(Letter.body("Thank you. Add 2 please.")).isEqualTo("Add 2 please.");
    }

    @Test
    void aFirstLineThatAsksIsNoSalutationAndALastLineThatIsNoNameStays() {
        assertThat(Letter.body("Good morning show me lamps\nunder 50")).isEqualTo("Good morning show me lamps\nunder 50");
        assertThat(Letter.body("hi\nlamps")).isEqualTo("lamps");
        assertThat(Letter.body("add the rug\nlove it")).isEqualTo("add the rug\nlove it");
        assertThat(Letter.body("2nd one\nAdd 2")).isEqualTo("2nd one\nAdd 2");
    }
}
