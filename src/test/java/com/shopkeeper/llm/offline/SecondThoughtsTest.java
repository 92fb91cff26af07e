package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message read as meant once its writer corrected themselves in it (issue 14: never act on what was taken back). */
class SecondThoughtsTest {

    @Test
    void aProductNamedAgainReplacesTheOneTakenBackAndKeepsTheVerb() {
        assertThat(SecondThoughts.meant("put the green mug in no wait the grey mug")).isEqualTo("put the grey mug");
        assertThat(SecondThoughts.meant("I'll take the oak ones, sorry, the walnut ones")).isEqualTo("I'll take the walnut ones");
        assertThat(SecondThoughts.meant("add the small one no the large one please")).isEqualTo("add the large one please");
    }

    @Test
    void aRequestOfItsOwnReplacesTheClauseTakenBackAndEarlierSentencesStand() {
        assertThat(SecondThoughts.meant("add the kettle... actually no, just show me my basket")).isEqualTo("just show me my basket");
        assertThat(SecondThoughts.meant("Love these. Add two of the first. Hmm, on second thought, what do returns cost?"))
                .isEqualTo("Love these. what do returns cost?");
        assertThat(SecondThoughts.meant("remove the rug, scratch that, remove the runner")).isEqualTo("remove the runner");
    }

    @Test
    void aCancelTakesTheClauseBackAndLeavesOnlyWhatAsks() {
        assertThat(SecondThoughts.meant("and a lamp for the hall... forget the lamp, the hall is dark anyway")).isEmpty();
        assertThat(SecondThoughts.meant("add the throw. order the vase, never mind, empty my cart")).isEqualTo("add the throw. empty my cart");
        assertThat(SecondThoughts.meant("order the vase, oh never mind")).isEmpty();
        assertThat(SecondThoughts.meant("add the throw. never mind all of that, empty my cart")).isEqualTo("empty my cart");
    }

    @Test
    void wordsThatTakeNothingBackLeaveTheMessageAlone() {
        for (String same : new String[] {
                "do you actually have the tall ones", "actually, add two", "never mind, do you have lamps?",
                "add 3 no 1", // a count: Quantity's to read
                "the first one sorry", // an apology
                "add the mat. wait, also the strap", // adds, takes nothing back
                "a lamp with no shade", "is it in stock? no? ok add it", "no thanks"}) {
            assertThat(SecondThoughts.meant(same)).as(same).isEqualTo(same);
        }
    }
}
